//! Tests of the communication checks' rules: fixtures here, one module per part of the rules.

use super::launch::{
    CheckRequest, CheckSpec, Invalid, LaunchError, Target, launch, new_token, send_offset, targets,
    token_hash,
};
use super::stats::{
    HistoryEntry, Ratio, contact_history, percentile, state_results, summarise, trend, unreachable,
};
use super::*;
use liaison_types::directory::{AnnualStatus, Contact, ContactDetails, ContactKind, StructureKind};
use liaison_types::state::{State, StateStatus};
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};
use time::macros::datetime;

mod answering;
mod figures;
mod launching;
mod properties;
mod signing;

/// The test clock's start (the testkit's too).
const LAUNCH: OffsetDateTime = datetime!(2027-01-15 10:00 UTC);

const POLICY: ContactKind = ContactKind::Poc {
    level: Level::Policy,
};
const TECHNICAL: ContactKind = ContactKind::Poc {
    level: Level::Technical,
};
const CSIRT: ContactKind = ContactKind::Structure {
    structure: StructureKind::NationalCsirt,
};

fn code(code: &str) -> StateCode {
    StateCode::parse(code).unwrap()
}

fn state(alpha3: &str, status: StateStatus) -> State {
    State {
        code: code(alpha3),
        alpha2: alpha3[..2].to_owned(),
        name: alpha3.to_owned(),
        status,
    }
}

/// DEU, FRA and AUT participate; JPN is a Partner for Co-operation.
fn states() -> Vec<State> {
    vec![
        state("DEU", StateStatus::Participating),
        state("FRA", StateStatus::Participating),
        state("AUT", StateStatus::Participating),
        state("JPN", StateStatus::PartnerAsian),
    ]
}

fn contact(id: i64, state: &str, kind: ContactKind) -> Contact {
    Contact {
        id,
        state: code(state),
        kind,
        details: ContactDetails::default(),
        key: None,
        version: 1,
        effective_on: time::macros::date!(2026 - 01 - 01),
        recorded_at: datetime!(2026-01-01 0:00 UTC),
        confirmed_on: time::macros::date!(2026 - 01 - 01),
        due_on: time::macros::date!(2027 - 01 - 01),
        annual_status: AnnualStatus::Current,
        retired: false,
        scheduled: None,
    }
}

fn request() -> CheckRequest {
    CheckRequest {
        scope: Scope::All,
        levels: Levels::Both,
        window_hours: 24,
        spread_hours: 0,
        message: "Please confirm that you received this communication check.".into(),
    }
}

fn spec(scope: Scope, levels: Levels, window_hours: u32, spread_hours: u32) -> CheckSpec {
    CheckRequest {
        scope,
        levels,
        window_hours,
        spread_hours,
        ..request()
    }
    .validate(&states())
    .unwrap()
}

fn a_check(window_hours: u32, spread_hours: u32) -> Check {
    spec(Scope::All, Levels::Both, window_hours, spread_hours).into_check(CheckId(1), LAUNCH)
}

/// A challenge of contact 7 (DEU, policy) sent `offset` after the launch, token "token-7".
fn challenge(offset: Duration) -> Challenge {
    Challenge {
        contact: ContactId(7),
        state: code("DEU"),
        level: Level::Policy,
        token_hash: token_hash("token-7"),
        sent_at: LAUNCH + offset,
        reminded_at: None,
        delivery_failed_at: None,
        answer: None,
    }
}

fn answered(challenge: Challenge, at: OffsetDateTime, way: AnswerWay) -> Challenge {
    Challenge {
        answer: Some(Answered { at, way }),
        ..challenge
    }
}

fn hours(h: i64) -> Duration {
    Duration::hours(h)
}

/// A random number generator that always gives zeros: a broken one.
struct Zeros;

impl RngCore for Zeros {
    fn next_u32(&mut self) -> u32 {
        0
    }
    fn next_u64(&mut self) -> u64 {
        0
    }
    fn fill_bytes(&mut self, dst: &mut [u8]) {
        dst.fill(0);
    }
}
