//! Benchmark of the transparency log on a real database, through the operations: a directory
//! change (which appends its leaf, fetches the O(log n) nodes it needs and signs a tree head in
//! the same transaction), an inclusion proof and a consistency proof served from the stored
//! nodes, at log sizes of 1k and 100k leaves (1M with `--large`). Each is printed next to the
//! same size's in-memory computation and as a ratio to the 1k size measured in the same run:
//! the ratios stay near 1 because the work grows with log2 of the size.
//!
//! Run: `cargo run --release -p liaison-testkit --example transparency -- [ITERATIONS] [--large]`
//! (default 200 iterations). With `LIAISON_TEST_POSTGRES_URL` set it runs on PostgreSQL too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use liaison_core::access::{self, Actor};
use liaison_core::clock::Clock;
use liaison_core::transparency::merkle::{Subtrees, leaf_hash};
use liaison_server::ops;
use liaison_store::transparency::StoredLeaf;
use liaison_testkit::{Backend, Options, backends, contact_body, coordinator, spawn_app_with};
use liaison_types::directory::ContactInput;
use liaison_types::state::StateCode;
use std::time::{Duration, Instant};

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

/// What one size measured, per call.
struct Measured {
    size: u64,
    change: Duration,
    inclusion: Duration,
    consistency: Duration,
    memory_inclusion: Duration,
}

async fn run(backend: Backend, iterations: u32, sizes: &[u64]) {
    let app = spawn_app_with(Options {
        backend,
        demo: false,
        ..Options::default()
    })
    .await;
    let ctx = app.state.ctx("bench");
    let deu = StateCode::parse("DEU").unwrap();
    let actor = coordinator("DEU");
    let input: ContactInput = serde_json::from_value(contact_body(
        "technical",
        "Bench duty officer",
        "bench@demo-de.example",
        "2027-01-10",
    ))
    .unwrap();
    let contact = ops::directory::create_contact(&ctx, &actor, &deu, &input)
        .await
        .unwrap();
    let permit = access::system::log();
    // The in-memory tree mirrors the stored one, to fill the store quickly and to compare.
    let mut tree = Subtrees::new();
    {
        let mut tx = app.store.read().await.unwrap();
        let leaves = liaison_store::transparency::leaves(&mut tx, &permit, 0, 10)
            .await
            .unwrap();
        for leaf in leaves {
            tree.append(leaf_hash(leaf.data.as_bytes()));
        }
    }
    let mut results = Vec::new();
    let mut version = 1_000_000i64;
    let mut phone = 0u32;
    for &size in sizes {
        // Fill the log with synthetic leaves up to `size`, 10,000 per transaction.
        while tree.size() < size {
            let mut tx = app.store.begin().await.unwrap();
            for _ in 0..10_000.min(size - tree.size()) {
                version += 1;
                let data = format!("bench leaf {version}\n");
                let hash = leaf_hash(data.as_bytes());
                let index = tree.size();
                let nodes = tree.append(hash);
                let leaf = StoredLeaf {
                    index,
                    contact_id: contact.id,
                    version,
                    state: deu.clone(),
                    data,
                    hash: hex::encode(hash),
                    appended_at: app.clock.now(),
                };
                liaison_store::transparency::append(&mut tx, &leaf, &nodes)
                    .await
                    .unwrap();
            }
            liaison_store::commit(tx).await.unwrap();
        }
        // A directory change: the contact's phone number, with its leaf and signed head.
        let started = Instant::now();
        for _ in 0..iterations {
            phone += 1;
            let mut body = contact_body(
                "technical",
                "Bench duty officer",
                "bench@demo-de.example",
                "2027-01-10",
            );
            body["phone"] = serde_json::json!(format!("+49 30 {phone:07}"));
            let input: ContactInput = serde_json::from_value(body).unwrap();
            ops::directory::update_contact(&ctx, &actor, contact.id, &input)
                .await
                .unwrap();
        }
        let change = started.elapsed() / iterations;
        let size = {
            let mut tx = app.store.read().await.unwrap();
            liaison_store::transparency::size(&mut tx, &permit)
                .await
                .unwrap()
        };
        // Keep the mirror in step with the changes' leaves.
        {
            let mut tx = app.store.read().await.unwrap();
            let leaves = liaison_store::transparency::leaves(&mut tx, &permit, tree.size(), size)
                .await
                .unwrap();
            for leaf in leaves {
                tree.append(leaf_hash(leaf.data.as_bytes()));
            }
        }
        let reader = Actor::system();
        let started = Instant::now();
        for i in 0..iterations {
            let index = (u64::from(i) * 7919) % size;
            ops::transparency::inclusion(&ctx, &reader, index, size)
                .await
                .unwrap();
        }
        let inclusion = started.elapsed() / iterations;
        let started = Instant::now();
        for i in 0..iterations {
            let old = 1 + (u64::from(i) * 7919) % size;
            ops::transparency::consistency(&ctx, &reader, old, size)
                .await
                .unwrap();
        }
        let consistency = started.elapsed() / iterations;
        let started = Instant::now();
        for i in 0..iterations {
            let index = (u64::from(i) * 7919) % size;
            std::hint::black_box(tree.inclusion_proof(index, size).unwrap());
        }
        let memory_inclusion = started.elapsed() / iterations;
        results.push(Measured {
            size,
            change,
            inclusion,
            consistency,
            memory_inclusion,
        });
    }
    println!("transparency log on {backend:?}, {iterations} calls of each:");
    let base = &results[0];
    for m in &results {
        let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
        println!(
            "  {:>8} leaves: directory change with leaf and signed head {} (×{:.2} of the smallest log); inclusion proof {} (×{:.2}; in memory {}); consistency proof {} (×{:.2})",
            m.size,
            us(m.change),
            ratio(m.change, base.change),
            us(m.inclusion),
            ratio(m.inclusion, base.inclusion),
            us(m.memory_inclusion),
            us(m.consistency),
            ratio(m.consistency, base.consistency),
        );
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let iterations = args
        .iter()
        .find_map(|a| a.parse::<u32>().ok())
        .unwrap_or(200);
    let mut sizes = vec![1_000, 100_000];
    if args.iter().any(|a| a == "--large") {
        sizes.push(1_000_000);
    }
    for backend in backends() {
        run(backend, iterations, &sizes).await;
    }
}
