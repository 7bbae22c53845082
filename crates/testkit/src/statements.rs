//! The statements each request ran, read from the server's log line for it (`request_id`,
//! `statements`), for tests that hold routes to their counts.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use tracing::field::{Field, Visit};

static SEEN: LazyLock<Mutex<HashMap<String, u64>>> = LazyLock::new(Default::default);

/// The statements the request with this id ran, once its log line is written (before the
/// response is sent).
pub fn of(request_id: &str) -> Option<u64> {
    SEEN.lock().ok()?.get(request_id).copied()
}

/// The layer that reads the server's request lines.
pub struct Requests;

#[derive(Default)]
struct Line {
    request_id: Option<String>,
    statements: Option<u64>,
}

impl Visit for Line {
    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == "statements" {
            self.statements = Some(value);
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "request_id" {
            self.request_id = Some(value.to_owned());
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "request_id" {
            self.request_id = Some(format!("{value:?}"));
        }
    }
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Requests {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        let mut line = Line::default();
        event.record(&mut line);
        if let (Some(id), Some(n)) = (line.request_id, line.statements)
            && let Ok(mut seen) = SEEN.lock()
        {
            // Bounded: a test reads its request's line right after the answer.
            if seen.len() >= 100_000 {
                seen.clear();
            }
            seen.insert(id, n);
        }
    }
}
