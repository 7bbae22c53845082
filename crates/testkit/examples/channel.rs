//! Benchmark of the protected channel through the HTTP API: N concurrent senders each run the
//! cycle send (Germany's technical contact posts a request encrypted to its key set, which the
//! server checks) → deliver (Estonia's technical contact opens the thread, which marks its leg
//! delivered) → acknowledge (Estonia acknowledges), for a fixed time. Printed next to a
//! baseline measured in the same run: the same three calls, with bodies of the same sizes, to
//! bare axum handlers that answer fixed bytes.
//!
//! Run: `cargo run --release -p liaison-testkit --example channel -- [SECONDS] [SENDERS] [ATTACHMENT_KIB]`
//! (defaults 5 s, 8 senders, a 16 KiB attachment). SQLite, on 127.0.0.1; it stops by itself.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use liaison_core::channel::seal::{self, Attachment, Content};
use liaison_core::clock::Clock;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// The three calls of one cycle, against a server.
#[derive(Clone)]
struct Cycle {
    base: String,
    sender: String,
    recipient: String,
    body: Value,
}

impl Cycle {
    async fn run(&self, http: &reqwest::Client) {
        let sent = http
            .post(format!("{}/api/v1/requests", self.base))
            .bearer_auth(&self.sender)
            .json(&self.body)
            .send()
            .await
            .unwrap();
        assert!(sent.status().is_success(), "send: {}", sent.status());
        let sent: Value = sent.json().await.unwrap();
        let id = sent["request"]["id"].as_i64().unwrap_or(1);
        let opened = http
            .get(format!("{}/api/v1/requests/{id}", self.base))
            .bearer_auth(&self.recipient)
            .send()
            .await
            .unwrap();
        assert!(opened.status().is_success(), "open: {}", opened.status());
        opened.bytes().await.unwrap();
        let acked = http
            .post(format!("{}/api/v1/requests/{id}/acknowledge", self.base))
            .bearer_auth(&self.recipient)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert!(acked.status().is_success(), "ack: {}", acked.status());
        acked.bytes().await.unwrap();
    }
}

/// Cycles per second and the median and 99th-percentile cycle latency of `senders` concurrent
/// senders for `seconds`.
async fn hammer(cycle: Cycle, seconds: u64, senders: usize) -> (f64, Duration, Duration) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..senders {
        let cycle = cycle.clone();
        tasks.push(tokio::spawn(async move {
            let http = reqwest::Client::new();
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let started = Instant::now();
                cycle.run(&http).await;
                latencies.push(started.elapsed());
            }
            latencies
        }));
    }
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await.unwrap());
    }
    latencies.sort();
    let at = |p: usize| {
        latencies
            .get(latencies.len() * p / 100)
            .copied()
            .unwrap_or_default()
    };
    (latencies.len() as f64 / seconds as f64, at(50), at(99))
}

/// A bare axum server answering the three calls with the bytes Liaison answered.
async fn bare(sent: String, opened: String, acked: String) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let json = |body: String| {
        move || {
            let body = body.clone();
            async move { ([("content-type", "application/json")], body) }
        }
    };
    let router = axum::Router::new()
        .route(
            "/api/v1/requests",
            axum::routing::post({
                let sent = sent.clone();
                move |_body: axum::body::Bytes| {
                    let sent = sent.clone();
                    async move { ([("content-type", "application/json")], sent) }
                }
            }),
        )
        .route("/api/v1/requests/{id}", axum::routing::get(json(opened)))
        .route(
            "/api/v1/requests/{id}/acknowledge",
            axum::routing::post(json(acked)),
        )
        // The server's own limit on request bodies is larger than axum's default.
        .layer(axum::extract::DefaultBodyLimit::max(16 * 1024 * 1024));
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    base
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let mut next = |default: u64, max: u64| {
        args.next()
            .and_then(|a| a.parse().ok())
            .unwrap_or(default)
            .clamp(1, max)
    };
    let seconds = next(5, 60);
    let senders = next(8, 128) as usize;
    let attachment_kib = next(16, 8 * 1024) as usize;

    let app = liaison_testkit::spawn_app().await;
    let deu = app.login("deu.technical").await;
    let est = app.login("est.technical").await;
    let view = deu
        .get("/api/v1/requests/keys?to=EST&level=technical")
        .await
        .json;
    let keys: Vec<String> = view["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["public_key"].as_str().unwrap().to_owned())
        .collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let content = Content {
        subject: "Benchmark".into(),
        body: "A request of the channel benchmark.".into(),
        attachments: vec![Attachment {
            filename: "data.bin".into(),
            content_type: "application/octet-stream".into(),
            data: (0..attachment_kib * 1024)
                .map(|i| (i * 31 % 251) as u8)
                .collect(),
        }],
    };
    let sealing = Instant::now();
    let message = seal::seal(&seal::compose(&content).unwrap(), &keys, app.clock.now()).unwrap();
    let sealing = sealing.elapsed();
    let body = json!({
        "to": ["EST"], "kind": "incident-notification", "urgency": "urgent", "level": "technical",
        "tlp": "AMBER", "language": "en", "message": message,
    });

    // One cycle first, for the bytes the baseline answers with.
    let http = reqwest::Client::new();
    let sent = http
        .post(app.url("/api/v1/requests"))
        .bearer_auth(deu.token.clone().unwrap())
        .json(&body)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let id = serde_json::from_str::<Value>(&sent).unwrap()["request"]["id"]
        .as_i64()
        .unwrap();
    let opened = est.get(&format!("/api/v1/requests/{id}")).await.text;
    let acked = est
        .post(&format!("/api/v1/requests/{id}/acknowledge"), &json!({}))
        .await
        .text;
    let baseline_base = bare(sent, opened, acked).await;

    println!(
        "channel: {senders} concurrent senders, {seconds} s each; a {} KiB message ({attachment_kib} KiB attachment), sealed by the client in {sealing:?}",
        message.len() / 1024
    );
    let baseline = Cycle {
        base: baseline_base,
        sender: "x".into(),
        recipient: "x".into(),
        body: body.clone(),
    };
    let (bare_rate, bare_p50, bare_p99) = hammer(baseline, seconds, senders).await;
    println!(
        "bare axum handlers:   {bare_rate:>8.0} cycles/s   p50 {bare_p50:?}   p99 {bare_p99:?}"
    );
    let liaison = Cycle {
        base: app.base.clone(),
        sender: deu.token.clone().unwrap(),
        recipient: est.token.clone().unwrap(),
        body,
    };
    let (rate, p50, p99) = hammer(liaison, seconds, senders).await;
    println!("Liaison (SQLite):     {rate:>8.0} cycles/s   p50 {p50:?}   p99 {p99:?}");
    println!(
        "ratio: {:.2} of the bare handlers' cycles (each cycle: send with the envelope check, open, acknowledge)",
        rate / bare_rate
    );
    let stats = app
        .login("manager")
        .await
        .get("/api/v1/requests/stats")
        .await
        .json;
    println!(
        "requests stored: {}, acknowledged: {}",
        stats["requests"], stats["acknowledged"]
    );
}
