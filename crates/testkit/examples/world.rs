//! The network at the size of the world (issue 19): a database with 193 States, 5,000 contacts,
//! 200 communication checks to every contact, 1,000,000 protected messages and 10 years of
//! exchange cycles, then the main pages and API lists timed on it.
//!
//! Everything is written through the store's own functions (the same statements the server
//! runs), dated over ten years before the server's clock; the protected messages all carry one
//! real OpenPGP message (rPGP, to a key the generator makes) since only their number and
//! their envelopes matter to what is timed. The States beyond the reference data are
//! invented (codes from `QAA`), participating, with the same shape of entry.
//!
//! Each route is asked `--rounds` times one after the other, on loopback, twice: with nothing
//! kept (a write that changes nothing first retires what the server keeps, so the route does
//! all its reading and computing) and with what the server keeps (the sign-in, the directory's
//! facts). The times are measured at the client and include HTTP on loopback.
//!
//! Run: `cargo run --release -p liaison-testkit --example world -- [--data DIR] [--messages N]
//! [--contacts N] [--checks N] [--states N] [--years N] [--rounds N]`; with `--data` an existing
//! world is reused (its size printed).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration as StdDuration, Instant};

use liaison_core::access::{Actor, system};
use liaison_core::checks::launch::{self, CheckRequest};
use liaison_core::checks::{AnswerWay, Answered, CheckId, Levels, Scope};
use liaison_server::AppState;
use liaison_server::config::Config;
use liaison_store::Store;
use liaison_types::channel::{RequestKind, Tlp, Urgency};
use liaison_types::directory::{Change, ContactDetails, ContactKind, Level};
use liaison_types::state::{State, StateCode, StateStatus};
use rand::{Rng, SeedableRng};
use sha2::Digest;
use time::{Duration, OffsetDateTime};

struct Size {
    states: usize,
    contacts: usize,
    checks: usize,
    messages: usize,
    years: i64,
    rounds: usize,
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn number(args: &[String], name: &str, default: usize) -> usize {
    arg(args, name).map_or(default, |v| v.parse().unwrap())
}

/// Commits every `BATCH` writes so no transaction grows without bound.
const BATCH: usize = 5_000;

/// The transaction to go on writing in: a new one once `written` reaches a batch.
async fn every_batch(store: &Store, tx: liaison_store::Tx, written: usize) -> liaison_store::Tx {
    if !written.is_multiple_of(BATCH) {
        return tx;
    }
    liaison_store::commit(tx).await.unwrap();
    store.begin().await.unwrap()
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let size = Size {
        states: number(&args, "--states", 193),
        contacts: number(&args, "--contacts", 5_000),
        checks: number(&args, "--checks", 200),
        messages: number(&args, "--messages", 1_000_000),
        years: number(&args, "--years", 10) as i64,
        rounds: number(&args, "--rounds", 200),
    };
    let kept_dir;
    let folder = match arg(&args, "--data") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => {
            kept_dir = tempfile::tempdir().unwrap();
            kept_dir.path().to_path_buf()
        }
    };
    std::fs::create_dir_all(&folder).unwrap();
    let url = format!("sqlite://{}", folder.join("world.db").display());
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    let now = liaison_testkit::START;
    let clock = Arc::new(liaison_testkit::TestClock::at(now));
    let manager = Actor {
        username: "manager".into(),
        ..Actor::system()
    };
    let mut config = Config {
        database_url: url.clone(),
        jobs: false,
        login_attempts_per_minute: 1000,
        ..Config::default()
    };
    config.smtp.host = String::new();
    if liaison_server::demo::is_empty(&store).await.unwrap() {
        let started = Instant::now();
        liaison_server::demo::seed(&store, &Arc::new(config.clone()), clock.as_ref())
            .await
            .unwrap();
        let state = AppState::new(store.clone(), clock.clone(), config.clone()).unwrap();
        generate(&state.ctx("world"), &manager, &size, now).await;
        println!("generated in {:.0} s", started.elapsed().as_secs_f64());
    }
    print_size(&store, &manager).await;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    config.public_url = base.clone();
    let state = AppState::new(store.clone(), clock.clone(), config).unwrap();
    tokio::spawn(async move { liaison_server::serve(state, listener).await.unwrap() });
    time_routes(&store, &base, size.rounds).await;
}

async fn print_size(store: &Store, manager: &Actor) {
    let mut tx = store.read().await.unwrap();
    let states = liaison_store::state::list(&mut tx).await.unwrap().len();
    let contacts = liaison_store::directory::list_all(
        &mut tx,
        &system::read_overview(),
        liaison_testkit::START.date(),
    )
    .await
    .unwrap()
    .len();
    let checks = liaison_store::checks::list(&mut tx, &system::read_checks(), None, i64::MAX)
        .await
        .unwrap()
        .len();
    let cycles = liaison_store::exchange::cycles(&mut tx, &system::read_exchange())
        .await
        .unwrap()
        .len();
    println!(
        "world: {states} States, {contacts} current contacts, {checks} checks, {cycles} exchange cycles, {} protected messages",
        liaison_store::channel::count_messages(
            &mut tx,
            &liaison_core::access::channel_stats(manager).unwrap()
        )
        .await
        .unwrap()
    );
}

/// Adds to the demo what makes the network the size of the world.
async fn generate(
    ctx: &liaison_server::ops::Ctx,
    manager: &Actor,
    size: &Size,
    now: OffsetDateTime,
) {
    let store = &ctx.store;
    let mut rng = rand::rngs::StdRng::seed_from_u64(1202);
    let first = now - Duration::days(365 * size.years);

    // States.
    let mut tx = store.begin().await.unwrap();
    let mut states = liaison_store::state::list(&mut tx).await.unwrap();
    let mut invented = Vec::new();
    let mut n = 0;
    while states.len() + invented.len() < size.states {
        let code = format!(
            "Q{}{}",
            (b'A' + (n / 26) as u8) as char,
            (b'A' + (n % 26) as u8) as char
        );
        n += 1;
        if states.iter().any(|s| s.code.as_str() == code) {
            continue;
        }
        invented.push(State {
            code: StateCode::parse(&code).unwrap(),
            alpha2: code[1..].to_owned(),
            name: format!("World State {code}"),
            status: StateStatus::Participating,
        });
    }
    liaison_store::state::upsert(&mut tx, &invented)
        .await
        .unwrap();
    states.extend(invented);
    liaison_store::commit(tx).await.unwrap();
    println!("States: {}", states.len());

    // Contacts: each State's entry filled up to the same share, policy and technical in turn.
    let mut tx = store.begin().await.unwrap();
    let have = liaison_store::directory::list_all(&mut tx, &system::read_overview(), now.date())
        .await
        .unwrap();
    let mut per_state: BTreeMap<StateCode, usize> = BTreeMap::new();
    for contact in &have {
        *per_state.entry(contact.state.clone()).or_default() += 1;
    }
    let share = size.contacts.div_ceil(states.len());
    let mut written = 0;
    for state in &states {
        let permit = system::edit_entry(state);
        for i in per_state.get(&state.code).copied().unwrap_or(0)..share {
            let level = if i % 2 == 0 {
                Level::Policy
            } else {
                Level::Technical
            };
            let details = ContactDetails {
                name: format!("Officer {i} of {}", state.code),
                function: "Point of contact".into(),
                organisation: format!("National authority of {}", state.name),
                email: format!("poc{i}@{}.example", state.code.as_str().to_lowercase()),
                phone: "+43 1 514 36 6000".into(),
                available_24_7: level == Level::Technical,
                time_zone: "Europe/Vienna".into(),
                languages: vec!["en".into()],
                deputy: false,
                website: String::new(),
                notes: String::new(),
            };
            let recorded_at = first + Duration::days(rng.random_range(0..365 * size.years));
            let version = liaison_store::directory::NewVersion {
                change: Change::Created,
                kind: ContactKind::Poc { level },
                details: &details,
                key: None,
                effective_on: recorded_at.date(),
                recorded_at,
                recorded_by: "world",
                notified_late: false,
            };
            liaison_store::directory::create(&mut tx, &permit, &version)
                .await
                .unwrap();
            written += 1;
            tx = every_batch(store, tx, written).await;
        }
    }
    let contacts =
        liaison_store::directory::list_all(&mut tx, &system::read_overview(), now.date())
            .await
            .unwrap();
    liaison_store::commit(tx).await.unwrap();
    println!("contacts: {}", contacts.len());

    // Checks: every contact challenged, at even intervals over the years; most answer.
    let every = (now - first) / (size.checks.max(1) as i32);
    let request = CheckRequest {
        scope: Scope::All,
        levels: Levels::Both,
        window_hours: 24,
        spread_hours: 2,
        message: "Routine communication check. Please confirm.".into(),
    };
    let spec = request.validate(&states).unwrap();
    let mut tx = store.begin().await.unwrap();
    let mut written = 0;
    for c in 0..size.checks {
        let launched_at = first + every * (c as i32);
        let launched = launch::launch(&spec, &states, &contacts, launched_at, &mut rng).unwrap();
        let provisional = spec.clone().into_check(CheckId(0), launched_at);
        let permit = system::run_checks();
        let id = liaison_store::checks::insert(&mut tx, &permit, &provisional, "manager")
            .await
            .unwrap();
        liaison_store::checks::insert_targets(&mut tx, &permit, id, &launched.targets)
            .await
            .unwrap();
        let names: BTreeMap<i64, (&str, &str)> = contacts
            .iter()
            .map(|c| (c.id, (c.details.name.as_str(), c.details.email.as_str())))
            .collect();
        for issued in &launched.challenges {
            let challenge = &issued.challenge;
            let (name, email) = names[&challenge.contact.0];
            let to = liaison_store::checks::Addressee {
                contact_name: name,
                email,
                outbox_id: None,
            };
            let challenge_id = liaison_store::checks::insert_challenge(
                &mut tx,
                &permit,
                id,
                challenge,
                to,
                launched_at,
            )
            .await
            .unwrap();
            if rng.random_range(0..10) < 9 {
                let answered = Answered {
                    at: challenge.sent_at + Duration::minutes(rng.random_range(1..600)),
                    way: AnswerWay::Link,
                };
                liaison_store::checks::record_answer(
                    &mut tx,
                    &system::record_answer(),
                    challenge_id,
                    answered,
                    "link",
                )
                .await
                .unwrap();
            }
            written += 1;
            tx = every_batch(store, tx, written).await;
        }
    }
    liaison_store::commit(tx).await.unwrap();
    println!("checks: {}", size.checks);

    // Protected messages: threads of four between two States, over the years.
    let (armored, fingerprints) = one_message();
    let sha = hex::encode(sha2::Sha256::digest(armored.as_bytes()));
    let participating: Vec<&State> = states
        .iter()
        .filter(|s| s.status.is_participating())
        .collect();
    let mut tx = store.begin().await.unwrap();
    let threads = size.messages.div_ceil(4);
    let mut written = 0;
    for t in 0..threads {
        let from = participating[rng.random_range(0..participating.len())];
        let mut to = participating[rng.random_range(0..participating.len())];
        while to.code == from.code {
            to = participating[rng.random_range(0..participating.len())];
        }
        let sent_at = first + (now - first) * (t as f64 / threads as f64);
        let legs = [(to.code.clone(), sent_at + Duration::hours(24))];
        let request = liaison_store::channel::NewRequest {
            sent_by: "world",
            kind: RequestKind::Consultation,
            urgency: Urgency::Routine,
            level: Level::Technical,
            tlp: Tlp::Amber,
            language: "en",
            sent_at,
            legs: &legs,
        };
        let id = liaison_store::channel::insert_request(&mut tx, &channel_of(&from.code), &request)
            .await
            .unwrap();
        for m in 0..4.min(size.messages - t * 4) {
            let writer = if m % 2 == 0 { &from.code } else { &to.code };
            let message = liaison_store::channel::NewMessage {
                request_id: id,
                sent_by: "world",
                sent_at: sent_at + Duration::minutes(m as i64 * 30),
                armored: &armored,
                size: armored.len() as i64,
                sha256: &sha,
                fingerprints: &fingerprints,
                left_out: &[],
            };
            liaison_store::channel::insert_message(&mut tx, &channel_of(writer), &message)
                .await
                .unwrap();
            written += 1;
        }
        if written % BATCH < 4 {
            liaison_store::commit(tx).await.unwrap();
            tx = store.begin().await.unwrap();
        }
        if t % 25_000 == 0 {
            println!("messages: {written}");
        }
    }
    liaison_store::commit(tx).await.unwrap();
    println!("messages: {written}");

    // Exchange cycles: one a year, opened as the manager opens them, every State's submission
    // in it.
    for y in 0..size.years {
        let year = now.year() - 1 - y as i32;
        let input = liaison_types::exchange::CycleInput {
            year,
            opens_on: time::Date::from_calendar_date(year, time::Month::January, 15).unwrap(),
            deadline: None,
            sections: None,
            circulation: None,
            pattern: None,
        };
        match liaison_server::ops::exchange::open_cycle(ctx, manager, &input).await {
            Ok(_) => {}
            Err(liaison_server::error::AppError::Conflict(_)) => continue,
            Err(e) => panic!("opening {year}: {e:?}"),
        }
        let mut tx = store.begin().await.unwrap();
        for state in states.iter().filter(|s| s.status.is_participating()) {
            let coordinator = Actor {
                role: liaison_types::account::Role::Coordinator,
                ..of_state(&state.code)
            };
            let permit = liaison_core::access::edit_submission(&coordinator, state).unwrap();
            liaison_store::exchange::ensure_submission(&mut tx, &permit, year, now)
                .await
                .unwrap();
        }
        liaison_store::commit(tx).await.unwrap();
    }
    println!("exchange cycles: {}", size.years);
}

/// An actor of a participating State (the invented States are not in the reference data).
fn of_state(code: &StateCode) -> Actor {
    Actor {
        username: format!("{}.technical", code.as_str().to_lowercase()),
        role: liaison_types::account::Role::Poc,
        state: Some(code.clone()),
        state_participating: true,
        ..Actor::system()
    }
}

fn channel_of(code: &StateCode) -> liaison_core::access::UseChannel {
    liaison_core::access::use_channel(&of_state(code)).unwrap()
}

/// One real protected message (rPGP, to a key made here) and its key's fingerprints.
fn one_message() -> (String, Vec<String>) {
    let (_secret, public) =
        liaison_core::channel::seal::generate("World <world@example.org>", "world").unwrap();
    let body = liaison_core::channel::seal::compose(&liaison_core::channel::seal::Content {
        subject: "Routine consultation".into(),
        body: "x".repeat(1024),
        attachments: Vec::new(),
    })
    .unwrap();
    let armored =
        liaison_core::channel::seal::seal(&body, &[public.as_str()], liaison_testkit::START)
            .unwrap();
    let info =
        liaison_core::directory::key::parse_public_key(public.as_bytes(), liaison_testkit::START)
            .unwrap();
    (armored, vec![info.fingerprint])
}

/// Times the main routes, with nothing kept and with what the server keeps.
async fn time_routes(store: &Store, base: &str, rounds: usize) {
    let login = |username| liaison_testkit::login_at(base, username, liaison_testkit::PASSWORD);
    let (deu, manager) = (login("deu.coordinator").await, login("manager").await);
    let inbox = deu.get("/api/v1/requests").await;
    let thread = inbox.json["items"][0]["id"]
        .as_i64()
        .expect("Germany's inbox holds requests");
    let year = liaison_testkit::START.year() - 1;
    let routes: Vec<(&str, &liaison_testkit::ApiClient, String)> = vec![
        ("directory overview", &manager, "/api/v1/states".into()),
        ("a State", &deu, "/api/v1/states/DEU".into()),
        ("inbox (first page)", &deu, "/api/v1/requests".into()),
        ("a thread", &deu, format!("/api/v1/requests/{thread}")),
        ("check overview", &manager, "/api/v1/checks".into()),
        (
            "cycle overview",
            &deu,
            format!("/api/v1/exchange/cycles/{year}"),
        ),
    ];
    println!();
    println!("| route | nothing kept: p50 / p99 | kept: p50 / p99 |");
    println!("|---|---|---|");
    for (name, client, path) in routes {
        let mut timings = [Vec::new(), Vec::new()];
        for (kept, times) in timings.iter_mut().enumerate() {
            for _ in 0..rounds {
                if kept == 0 {
                    let tx = store.begin().await.unwrap();
                    liaison_store::commit(tx).await.unwrap();
                }
                let started = Instant::now();
                let answer = client
                    .http
                    .get(format!("{base}{path}"))
                    .bearer_auth(client.token.as_deref().unwrap_or_default())
                    .send()
                    .await
                    .unwrap();
                assert!(answer.status().is_success(), "{path}: {}", answer.status());
                answer.bytes().await.unwrap();
                times.push(started.elapsed());
            }
            times.sort();
        }
        let show = |times: &[StdDuration]| {
            let at = |p: usize| times[(times.len() * p / 100).min(times.len() - 1)];
            format!(
                "{:.2} / {:.2} ms",
                at(50).as_secs_f64() * 1e3,
                at(99).as_secs_f64() * 1e3
            )
        };
        println!(
            "| {name} `GET {path}` | {} | {} |",
            show(&timings[0]),
            show(&timings[1])
        );
    }
}
