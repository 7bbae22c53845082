//! Benchmark of communication checks through the operations, on a real database: launching a
//! check to every contact of the 57 participating States with four points of contact each (228
//! challenges, each with its token hash and its mail queued in the outbox, all in one
//! transaction), and computing the results page of that check, each printed next to a plain read
//! of the same rows measured in the same run.
//!
//! Run: `cargo run --release -p liaison-testkit --example checks -- [ITERATIONS]` (default 20).
//! With `LIAISON_TEST_POSTGRES_URL` set it runs on PostgreSQL as well.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use liaison_core::access::Actor;
use liaison_server::ops;
use liaison_testkit::{Backend, Options, TestApp, contact_body, coordinator, spawn_app_with};
use liaison_types::checks::CheckInput;
use liaison_types::directory::ContactInput;
use std::time::{Duration, Instant};

/// The 57 participating States with two policy-level and two technical-level contacts each.
async fn directory(app: &TestApp) -> usize {
    let ctx = app.state.ctx("bench-setup");
    let states = liaison_core::reference::states().unwrap();
    let mut n = 0;
    for state in states.iter().filter(|s| s.status.is_participating()) {
        for (i, level) in ["policy", "policy", "technical", "technical"]
            .iter()
            .enumerate()
        {
            let email = format!("poc{i}@{}.example", state.alpha2.to_lowercase());
            let input: ContactInput = serde_json::from_value(contact_body(
                level,
                &format!("Contact {i} of {}", state.name),
                &email,
                "2027-01-10",
            ))
            .unwrap();
            ops::directory::create_contact(
                &ctx,
                &coordinator(state.code.as_str()),
                &state.code,
                &input,
            )
            .await
            .unwrap();
            n += 1;
        }
    }
    n
}

fn mean(total: Duration, iterations: u32) -> Duration {
    total / iterations.max(1)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

async fn run(backend: Backend, iterations: u32) {
    let app = spawn_app_with(Options {
        backend,
        demo: false,
        ..Options::default()
    })
    .await;
    let contacts = directory(&app).await;
    let ctx = app.state.ctx("bench");
    let manager = Actor {
        username: "manager".into(),
        ..Actor::system()
    };
    let input: CheckInput = serde_json::from_value(serde_json::json!({
        "scope": "all", "levels": "both", "window_hours": 24, "message": "Benchmark check.",
    }))
    .unwrap();
    let overview = liaison_core::access::read_overview(&manager).unwrap();

    // Warm up both paths once.
    let first = ops::checks::launch(&ctx, &manager, &input).await.unwrap();
    assert_eq!(first.check.figures.challenged as usize, contacts);
    let id = first.check.id;

    let (mut launch, mut read_contacts, mut results, mut read_challenges) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    for _ in 0..iterations {
        let started = Instant::now();
        let detail = ops::checks::launch(&ctx, &manager, &input).await.unwrap();
        launch += started.elapsed();
        assert_eq!(detail.challenges.len(), contacts);

        // Baseline of the launch: one read of the directory's current contacts it starts from.
        let started = Instant::now();
        let mut tx = app.store.read().await.unwrap();
        let rows = liaison_store::directory::list_all(&mut tx, &overview, app.state.clock.today())
            .await
            .unwrap();
        drop(tx);
        read_contacts += started.elapsed();
        assert_eq!(rows.len(), contacts);

        let started = Instant::now();
        let detail = ops::checks::detail(&ctx, &manager, id).await.unwrap();
        results += started.elapsed();
        assert_eq!(detail.challenges.len(), contacts);

        // Baseline of the results: one read of the same check's challenge rows.
        let started = Instant::now();
        let permit = liaison_core::access::read_checks(&manager).unwrap();
        let mut tx = app.store.read().await.unwrap();
        let rows = liaison_store::checks::challenges(&mut tx, &permit, id)
            .await
            .unwrap();
        drop(tx);
        read_challenges += started.elapsed();
        assert_eq!(rows.len(), contacts);
    }
    let (launch, read_contacts, results, read_challenges) = (
        mean(launch, iterations),
        mean(read_contacts, iterations),
        mean(results, iterations),
        mean(read_challenges, iterations),
    );
    println!("{backend:?}: {contacts} contacts of 57 States, {iterations} iterations");
    println!(
        "  launch (228 challenges, tokens, outbox, audit; one transaction): {}   plain read of the contacts: {}   ratio: {:.1}",
        ms(launch),
        ms(read_contacts),
        launch.as_secs_f64() / read_contacts.as_secs_f64()
    );
    println!(
        "  results page (figures, 57 States, 228 contacts):                {}   plain read of the challenges: {}   ratio: {:.1}",
        ms(results),
        ms(read_challenges),
        results.as_secs_f64() / read_challenges.as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    let iterations: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    run(Backend::Sqlite, iterations).await;
    if std::env::var("LIAISON_TEST_POSTGRES_URL").is_ok() {
        run(Backend::Postgres, iterations).await;
    }
}
