//! Integration tests through the HTTP API, the pages and the CLI. One test binary for the crate.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts;
mod authz;
mod bad_input;
mod browser;
mod caches;
mod channel;
mod checks;
mod demo;
mod directory;
mod exchange;
mod hardening;
mod i18n;
mod mail;
mod statements;
mod storage;
mod transparency;

/// The same server's data behind a second listener with another configuration; its base URL.
async fn serve_with(
    app: &liaison_testkit::TestApp,
    change: impl FnOnce(&mut liaison_server::config::Config),
) -> String {
    let mut config = (*app.state.config).clone();
    change(&mut config);
    let state = liaison_server::AppState {
        config: std::sync::Arc::new(config),
        ..app.state.clone()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { liaison_server::serve(state, listener).await.unwrap() });
    base
}
