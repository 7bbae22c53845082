//! Benchmarks of the transparency log's Merkle tree (RFC 9162) at 1k, 100k and 1M leaves:
//! appending a leaf, and making and verifying an inclusion and a consistency proof. The baseline
//! measured in the same run is one SHA-256 of a leaf's data, the least any log must do per
//! leaf; the ratios show that append costs a few hashes and proofs grow with log2 of the size.
//!
//!     cargo bench -p liaison-core --bench transparency                # full run
//!     cargo bench -p liaison-core --bench transparency -- --quick     # a quick look

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{BenchmarkId, Criterion};
use liaison_core::transparency::merkle::{
    Subtrees, leaf_hash, verify_consistency, verify_inclusion,
};
use std::hint::black_box;
use std::time::Instant;

const SIZES: [u64; 3] = [1_000, 100_000, 1_000_000];
/// Repetitions of each operation for the printed ratios.
const TIMES: u32 = 20_000;

fn tree(size: u64) -> Subtrees {
    let mut tree = Subtrees::new();
    for i in 0..size {
        tree.append(leaf_hash(&i.to_le_bytes()));
    }
    tree
}

/// Nanoseconds per call of `f` over [`TIMES`] calls.
fn per_call(mut f: impl FnMut(u32)) -> f64 {
    let started = Instant::now();
    for i in 0..TIMES {
        f(i);
    }
    started.elapsed().as_nanos() as f64 / f64::from(TIMES)
}

fn main() {
    let trees: Vec<(u64, Subtrees)> = SIZES.iter().map(|&n| (n, tree(n))).collect();
    let mut criterion = Criterion::default().configure_from_args();
    let mut group = criterion.benchmark_group("transparency");
    for (size, tree) in &trees {
        let (size, root) = (*size, tree.root(*size).unwrap());
        let index = size / 3;
        let leaf = leaf_hash(&index.to_le_bytes());
        let inclusion = tree.inclusion_proof(index, size).unwrap();
        let old = size / 2 + 1;
        let old_root = tree.root(old).unwrap();
        let consistency = tree.consistency_proof(old, size).unwrap();
        group.bench_with_input(BenchmarkId::new("append", size), &size, |b, _| {
            b.iter_batched(
                || tree.clone(),
                // The tree is returned so that dropping it is not timed.
                |mut t| {
                    let added = t.append(black_box(leaf));
                    (t, added)
                },
                criterion::BatchSize::LargeInput,
            )
        });
        group.bench_with_input(BenchmarkId::new("inclusion-proof", size), &size, |b, _| {
            b.iter(|| black_box(tree.inclusion_proof(black_box(index), size).unwrap()))
        });
        group.bench_with_input(BenchmarkId::new("verify-inclusion", size), &size, |b, _| {
            b.iter(|| verify_inclusion(&leaf, index, size, black_box(&inclusion), &root).unwrap())
        });
        group.bench_with_input(
            BenchmarkId::new("consistency-proof", size),
            &size,
            |b, _| b.iter(|| black_box(tree.consistency_proof(black_box(old), size).unwrap())),
        );
        group.bench_with_input(
            BenchmarkId::new("verify-consistency", size),
            &size,
            |b, _| {
                b.iter(|| {
                    verify_consistency(old, size, &old_root, &root, black_box(&consistency))
                        .unwrap()
                })
            },
        );
    }
    group.finish();
    criterion.final_summary();

    // The ratios, timed again with Instant in this run.
    let baseline = per_call(|i| {
        black_box(leaf_hash(black_box(&i.to_le_bytes())));
    });
    println!("baseline: one SHA-256 of a leaf's data, {baseline:.0} ns");
    for (size, tree) in &trees {
        let size = *size;
        let root = tree.root(size).unwrap();
        let mut growing = tree.clone();
        let append = per_call(|i| {
            black_box(growing.append(leaf_hash(&i.to_le_bytes())));
        });
        let prove = per_call(|i| {
            black_box(tree.inclusion_proof(u64::from(i) % size, size).unwrap());
        });
        let index = size / 3;
        let proof = tree.inclusion_proof(index, size).unwrap();
        let leaf = leaf_hash(&index.to_le_bytes());
        let verify = per_call(|_| verify_inclusion(&leaf, index, size, &proof, &root).unwrap());
        let old = size / 2 + 1;
        let old_root = tree.root(old).unwrap();
        let consistency = tree.consistency_proof(old, size).unwrap();
        let prove_consistency = per_call(|i| {
            black_box(
                tree.consistency_proof(1 + u64::from(i) % size, size)
                    .unwrap(),
            );
        });
        let verify_consistency_ns =
            per_call(|_| verify_consistency(old, size, &old_root, &root, &consistency).unwrap());
        println!(
            "{size:>9} leaves: append {append:.0} ns (ratio {:.1}); inclusion proof {prove:.0} ns (ratio {:.1}), {} hashes, verify {verify:.0} ns (ratio {:.1}); consistency proof {prove_consistency:.0} ns (ratio {:.1}), {} hashes, verify {verify_consistency_ns:.0} ns (ratio {:.1})",
            append / baseline,
            prove / baseline,
            proof.len(),
            verify / baseline,
            prove_consistency / baseline,
            consistency.len(),
            verify_consistency_ns / baseline,
        );
    }
}
