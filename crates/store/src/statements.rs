//! How many statements a request runs: each one through a [`Tx`](crate::Tx) counts in the scope
//! of [`counted`] (the server wraps every request in one and logs the figure with the request;
//! a test holds the main routes to their counts, so a list that reads its rows one by one shows).
//! Outside a scope (the writer's task, jobs, the CLI) nothing is counted.

use std::cell::Cell;
use std::future::Future;

tokio::task_local! {
    static STATEMENTS: Cell<u32>;
}

/// Runs `work`, returning its output and the statements it ran in this task.
pub async fn counted<F: Future>(work: F) -> (F::Output, u32) {
    STATEMENTS
        .scope(Cell::new(0), async move {
            let output = work.await;
            (output, STATEMENTS.with(Cell::get))
        })
        .await
}

/// One statement more for the request being served, if one is.
pub(crate) fn count() {
    let _ = STATEMENTS.try_with(|n| n.set(n.get().saturating_add(1)));
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn statements_count_in_their_scope_only() {
        count();
        let ((), n) = counted(async {
            count();
            count();
        })
        .await;
        assert_eq!(n, 2);
        let ((), n) = counted(async {}).await;
        assert_eq!(n, 0);
    }
}
