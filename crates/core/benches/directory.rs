//! Benchmarks of the CBM 8 directory rules: the status of every State's entry (68 States with
//! four contacts each, as the overview computes it on every request), measured against a
//! baseline that only walks and counts the same contacts, and the two date rules over 100,000
//! dates.
//!
//!     cargo bench -p liaison-core                # full run
//!     cargo bench -p liaison-core -- --quick     # a quick look (well under a minute)
//!
//! After criterion's runs it times both passes again with `Instant` over a fixed number of
//! iterations and prints `ratio: X.XX` (status time / baseline time): the cost of the rules
//! relative to merely touching the data.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{BenchmarkId, Criterion, Throughput};
use liaison_core::directory::{annual_status, directory_status, due_on, notified_late};
use liaison_types::directory::{
    AnnualStatus, Contact, ContactDetails, ContactKind, Level, StructureKind,
};
use liaison_types::state::State;
use std::hint::black_box;
use std::time::{Duration as StdDuration, Instant};
use time::macros::{date, datetime};
use time::{Date, Duration, OffsetDateTime};

const TODAY: Date = date!(2027 - 01 - 15);
const NOW: OffsetDateTime = datetime!(2027-01-15 10:00 UTC);
const DATES: usize = 100_000;
/// Passes over the whole directory for the ratio printed at the end.
const RATIO_PASSES: u32 = 5_000;

/// Every State with its contacts.
type Directory = [(State, Vec<Contact>)];

fn contact(id: i64, state: &State, kind: ContactKind, deputy: bool, confirmed_on: Date) -> Contact {
    let recorded_at = confirmed_on.with_hms(9, 30, 0).unwrap().assume_utc();
    Contact {
        id,
        state: state.code.clone(),
        kind,
        details: ContactDetails {
            name: format!("Contact {id}"),
            function: "Duty officer".into(),
            organisation: format!("Ministry of {}", state.name),
            email: format!("poc{id}@{}.example", state.alpha2.to_lowercase()),
            phone: "+43 1 234 5678".into(),
            available_24_7: true,
            time_zone: "Europe/Vienna".into(),
            languages: vec!["en".into()],
            deputy,
            website: String::new(),
            notes: String::new(),
        },
        key: None,
        version: 1,
        effective_on: confirmed_on,
        recorded_at,
        confirmed_on,
        due_on: due_on(confirmed_on),
        annual_status: annual_status(confirmed_on, TODAY),
        retired: false,
        scheduled: None,
    }
}

/// Every State with four contacts (policy, technical, a deputy, a national CSIRT), confirmed
/// at spread-out dates so that current, due-soon and overdue contacts all occur.
fn directory() -> Vec<(State, Vec<Contact>)> {
    let states = liaison_core::reference::states().unwrap();
    assert_eq!(states.len(), 68, "57 participating States and 11 Partners");
    let kinds = [
        (
            ContactKind::Poc {
                level: Level::Policy,
            },
            false,
        ),
        (
            ContactKind::Poc {
                level: Level::Technical,
            },
            false,
        ),
        (
            ContactKind::Poc {
                level: Level::Technical,
            },
            true,
        ),
        (
            ContactKind::Structure {
                structure: StructureKind::NationalCsirt,
            },
            false,
        ),
    ];
    let mut id = 0;
    states
        .into_iter()
        .enumerate()
        .map(|(s, state)| {
            let contacts = kinds
                .iter()
                .enumerate()
                .map(|(k, (kind, deputy))| {
                    id += 1;
                    let days_ago = ((s * 4 + k) * 37 % 500) as i64;
                    contact(id, &state, *kind, *deputy, TODAY - Duration::days(days_ago))
                })
                .collect();
            (state, contacts)
        })
        .collect()
}

/// What the overview does per request: the status of every entry.
fn status_pass(directory: &Directory) -> u32 {
    directory
        .iter()
        .map(|(state, contacts)| {
            let status = directory_status(state, contacts, 0);
            u32::from(status.complete) + status.overdue
        })
        .sum()
}

/// The baseline: walk the same contacts and count the active ones, nothing else.
fn baseline_pass(directory: &Directory) -> u32 {
    directory
        .iter()
        .map(|(_, contacts)| contacts.iter().filter(|c| !c.retired).count() as u32)
        .sum()
}

/// Deterministic dates over about eleven years (2019 to 2030, leap days included).
fn dates() -> Vec<Date> {
    let start = date!(2019 - 01 - 01);
    (0..DATES)
        .map(|i| start + Duration::days((i as i64 * 7919) % 4_200))
        .collect()
}

fn bench_directory(c: &mut Criterion, directory: &Directory) {
    let contacts: usize = directory.iter().map(|(_, c)| c.len()).sum();
    let mut group = c.benchmark_group("directory");
    group.throughput(Throughput::Elements(contacts as u64));
    group.bench_with_input(
        BenchmarkId::new("directory_status", "68x4"),
        directory,
        |b, d| b.iter(|| status_pass(black_box(d))),
    );
    group.bench_with_input(
        BenchmarkId::new("baseline_count", "68x4"),
        directory,
        |b, d| b.iter(|| baseline_pass(black_box(d))),
    );
    group.finish();
}

fn bench_dates(c: &mut Criterion, dates: &[Date]) {
    let recorded: Vec<OffsetDateTime> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| NOW.replace_date(*d) + Duration::days((i % 61) as i64))
        .collect();
    let mut group = c.benchmark_group("dates");
    group.throughput(Throughput::Elements(dates.len() as u64));
    group.bench_function(BenchmarkId::new("notified_late", "100k"), |b| {
        b.iter(|| {
            black_box(dates)
                .iter()
                .zip(black_box(&recorded))
                .filter(|(effective_on, recorded_at)| notified_late(**effective_on, **recorded_at))
                .count()
        })
    });
    group.bench_function(BenchmarkId::new("annual_status", "100k"), |b| {
        b.iter(|| {
            black_box(dates)
                .iter()
                .filter(|confirmed_on| {
                    annual_status(**confirmed_on, black_box(TODAY)) == AnnualStatus::Overdue
                })
                .count()
        })
    });
    group.finish();
}

fn time_passes(directory: &Directory, pass: fn(&Directory) -> u32) -> StdDuration {
    for _ in 0..RATIO_PASSES / 10 {
        black_box(pass(black_box(directory)));
    }
    let started = Instant::now();
    for _ in 0..RATIO_PASSES {
        black_box(pass(black_box(directory)));
    }
    started.elapsed()
}

fn main() {
    let directory = directory();
    let dates = dates();
    // The rules behave as the benchmark assumes: every kind of status occurs.
    let all: Vec<&Contact> = directory.iter().flat_map(|(_, c)| c).collect();
    for status in [
        AnnualStatus::Current,
        AnnualStatus::DueSoon,
        AnnualStatus::Overdue,
    ] {
        assert!(all.iter().any(|c| c.annual_status == status), "{status:?}");
    }
    assert_eq!(baseline_pass(&directory), 272);

    let mut criterion = Criterion::default().configure_from_args();
    bench_directory(&mut criterion, &directory);
    bench_dates(&mut criterion, &dates);
    criterion.final_summary();

    let status = time_passes(&directory, status_pass);
    let baseline = time_passes(&directory, baseline_pass);
    let per_pass = |d: StdDuration| d.as_secs_f64() * 1e6 / f64::from(RATIO_PASSES);
    println!(
        "directory_status: {:.2} µs per pass over 68 States x 4 contacts; baseline: {:.2} µs ({RATIO_PASSES} passes each)",
        per_pass(status),
        per_pass(baseline),
    );
    println!(
        "ratio: {:.2}",
        status.as_secs_f64() / baseline.as_secs_f64().max(f64::MIN_POSITIVE)
    );
}
