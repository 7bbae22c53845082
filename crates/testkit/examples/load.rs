//! Load benchmark of the server, printed as a ratio against a baseline measured in the same run:
//! an authenticated directory read (`GET /api/v1/states/DEU`: bearer token lookup, permission,
//! two queries, JSON) against a bare axum handler that returns the same bytes. DESIGN.md sets
//! the bar at 50% of the bare handler's throughput.
//!
//! The server logs a line per request into a file, as `liaison serve` does on standard error.
//!
//! Run: `cargo run --release -p liaison-testkit --example load -- [SECONDS] [CONNECTIONS]`
//! (defaults 5 s and 16). Traffic stays on 127.0.0.1 and stops by itself.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Requests per second and the 99th-percentile latency of `connections` clients calling `url`
/// for `seconds`.
async fn hammer(
    url: String,
    token: Option<String>,
    seconds: u64,
    connections: usize,
) -> (f64, Duration) {
    let done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (url, token, done) = (url.clone(), token.clone(), done.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let started = Instant::now();
                let mut request = client.get(&url);
                if let Some(token) = &token {
                    request = request.bearer_auth(token);
                }
                let response = request.send().await.unwrap();
                assert!(response.status().is_success(), "{}", response.status());
                response.bytes().await.unwrap();
                latencies.push(started.elapsed());
                done.fetch_add(1, Ordering::Relaxed);
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.unwrap());
    }
    latencies.sort();
    let p99 = latencies
        .get(latencies.len() * 99 / 100)
        .copied()
        .unwrap_or_default();
    (done.load(Ordering::Relaxed) as f64 / seconds as f64, p99)
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let seconds: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(5)
        .clamp(1, 60);
    let connections: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(16)
        .clamp(1, 256);

    // The server logs as in production (`liaison serve`: a line per request at `info`), into
    // a file instead of the terminal; the test harness's own log reader is left out.
    let logs = tempfile::NamedTempFile::new().unwrap();
    let file = logs.reopen().unwrap();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(
            "info,sqlx=warn,pgp=error",
        ))
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .init();
    let app = liaison_testkit::spawn_app().await;
    let client = app.login("deu.policy").await;
    let path = "/api/v1/states/DEU";
    let body = client.get(path).await.text;

    // The baseline: the same bytes from a bare axum handler on the same machine.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let bare = format!("http://{}{path}", listener.local_addr().unwrap());
    let router = axum::Router::new().route(
        path,
        axum::routing::get(move || {
            let body = body.clone();
            async move { ([("content-type", "application/json")], body) }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

    println!("load: {connections} connections, {seconds} s each, GET {path}");
    let (baseline, baseline_p99) = hammer(bare, None, seconds, connections).await;
    println!("bare axum handler:        {baseline:>9.0} req/s   p99 {baseline_p99:?}");
    let (liaison, liaison_p99) =
        hammer(app.url(path), client.token.clone(), seconds, connections).await;
    println!("authenticated Liaison read: {liaison:>7.0} req/s   p99 {liaison_p99:?}");
    println!(
        "ratio: {:.2} (the design asks for at least 0.50)",
        liaison / baseline
    );
}
