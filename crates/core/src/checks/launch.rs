//! Launching a communication check: the manager's request validated into a [`CheckSpec`], the
//! targets it names, and one challenge per targeted contact with its token and send time.

use super::{Challenge, Check, CheckId, ContactId, Levels, Scope};
use base64::Engine;
use liaison_types::directory::{Contact, ContactKind, Level};
use liaison_types::state::{State, StateCode};
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use time::{Duration, OffsetDateTime};

/// The longest response window: two weeks.
pub const MAX_WINDOW_HOURS: u32 = 336;

/// The longest message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 1000;

/// Random bytes in a challenge token (256 bits; the issue asks for at least 128).
pub const TOKEN_BYTES: usize = 32;

/// A check as the manager asks for it, before validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRequest {
    pub scope: Scope,
    pub levels: Levels,
    pub window_hours: u32,
    pub spread_hours: u32,
    pub message: String,
}

/// A validated check request. Exists only through [`CheckRequest::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckSpec {
    scope: Scope,
    levels: Levels,
    window_hours: u32,
    spread_hours: u32,
    message: String,
}

impl CheckSpec {
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    pub fn levels(&self) -> Levels {
        self.levels
    }

    pub fn window_hours(&self) -> u32 {
        self.window_hours
    }

    pub fn spread_hours(&self) -> u32 {
        self.spread_hours
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// The check record of this spec once stored under `id`.
    pub fn into_check(self, id: CheckId, launched_at: OffsetDateTime) -> Check {
        Check {
            id,
            scope: self.scope,
            levels: self.levels,
            window_hours: self.window_hours,
            spread_hours: self.spread_hours,
            message: self.message,
            launched_at,
        }
    }
}

/// Field name (`scope`, `window_hours`, `spread_hours`, `message`) → what is wrong with it.
pub type Problems = BTreeMap<String, Invalid>;

/// What is wrong with a field of a check request, named for the message catalogue
/// (`message_id`, `args`); `Display` gives the English wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    Required,
    TooLong { max: usize },
    ControlCharacters,
    WindowHours { max: u32 },
    SpreadHours { max: u32 },
    NoStates,
    NotParticipating(StateCode),
}

impl crate::wording::Worded for Invalid {
    /// The id of the message in the catalogue.
    fn message_id(&self) -> &'static str {
        match self {
            Invalid::Required => "invalid-required",
            Invalid::TooLong { .. } => "invalid-too-long",
            Invalid::ControlCharacters => "invalid-check-control-characters",
            Invalid::WindowHours { .. } => "invalid-check-window",
            Invalid::SpreadHours { .. } => "invalid-check-spread",
            Invalid::NoStates => "invalid-check-no-states",
            Invalid::NotParticipating(_) => "invalid-check-not-participating",
        }
    }

    /// The message's arguments.
    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Invalid::TooLong { max } => vec![("max", max.to_string())],
            Invalid::WindowHours { max } | Invalid::SpreadHours { max } => {
                vec![("max", max.to_string())]
            }
            Invalid::NotParticipating(code) => vec![("value", code.to_string())],
            _ => Vec::new(),
        }
    }
}

impl CheckRequest {
    /// Checks the request against the participating States in `states`, every problem at once.
    /// The message is trimmed and its line breaks normalised to `\n`; a list of States is sorted
    /// and freed of duplicates.
    pub fn validate(&self, states: &[State]) -> Result<CheckSpec, Problems> {
        let mut problems = Problems::new();
        let scope = match &self.scope {
            Scope::All => Scope::All,
            Scope::Region(region) => Scope::Region(*region),
            Scope::States(codes) => {
                let codes: BTreeSet<&StateCode> = codes.iter().collect();
                if codes.is_empty() {
                    problems.insert("scope".into(), Invalid::NoStates);
                }
                if let Some(code) = codes.iter().find(|code| !participating(states, code)) {
                    problems.insert("scope".into(), Invalid::NotParticipating((*code).clone()));
                }
                Scope::States(codes.into_iter().cloned().collect())
            }
        };
        if !(1..=MAX_WINDOW_HOURS).contains(&self.window_hours) {
            problems.insert(
                "window_hours".into(),
                Invalid::WindowHours {
                    max: MAX_WINDOW_HOURS,
                },
            );
        }
        let max_spread = self.window_hours.min(MAX_WINDOW_HOURS) / 2;
        if self.spread_hours > max_spread {
            problems.insert(
                "spread_hours".into(),
                Invalid::SpreadHours { max: max_spread },
            );
        }
        let message = self.message.replace("\r\n", "\n").trim().to_owned();
        if message.is_empty() {
            problems.insert("message".into(), Invalid::Required);
        } else if message.chars().count() > MAX_MESSAGE_CHARS {
            problems.insert(
                "message".into(),
                Invalid::TooLong {
                    max: MAX_MESSAGE_CHARS,
                },
            );
        } else if message.chars().any(|c| c.is_control() && c != '\n') {
            problems.insert("message".into(), Invalid::ControlCharacters);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(CheckSpec {
            scope,
            levels: self.levels,
            window_hours: self.window_hours,
            spread_hours: self.spread_hours,
            message,
        })
    }
}

fn participating(states: &[State], code: &StateCode) -> bool {
    states
        .iter()
        .any(|state| &state.code == code && state.status.is_participating())
}

/// A State and level a check asks to reach, and the contact challenged for it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub state: StateCode,
    pub level: Level,
    /// `None` when the State has no active point of contact at this level: it cannot be reached.
    pub contact: Option<ContactId>,
}

/// The targets of a check: for each participating State in scope (by code) and each requested
/// level (policy first), its active points of contact (by id), or one target without a contact.
pub fn targets(spec: &CheckSpec, states: &[State], contacts: &[Contact]) -> Vec<Target> {
    let in_scope: BTreeSet<&StateCode> = states
        .iter()
        .filter(|state| state.status.is_participating())
        .map(|state| &state.code)
        .filter(|code| match &spec.scope {
            Scope::All => true,
            Scope::Region(region) => crate::reference::region_of(code) == Some(*region),
            Scope::States(codes) => codes.contains(code),
        })
        .collect();
    let mut out = Vec::new();
    for state in in_scope {
        for &level in spec.levels.levels() {
            let mut ids: Vec<ContactId> = contacts
                .iter()
                .filter(|c| &c.state == state && !c.retired && c.kind == ContactKind::Poc { level })
                .map(|c| ContactId(c.id))
                .collect();
            ids.sort();
            ids.dedup();
            if ids.is_empty() {
                out.push(Target {
                    state: state.clone(),
                    level,
                    contact: None,
                });
            }
            out.extend(ids.into_iter().map(|id| Target {
                state: state.clone(),
                level,
                contact: Some(id),
            }));
        }
    }
    out
}

/// A challenge just made, with the token to send. The token goes into the email and the app's
/// notice and is then forgotten; only `challenge.token_hash` is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issued {
    pub token: String,
    pub challenge: Challenge,
}

/// Everything a launch produces, to store and send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Launch {
    pub targets: Vec<Target>,
    pub challenges: Vec<Issued>,
}

/// Why a check cannot be launched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LaunchError {
    /// Two challenges got the same token: the random number generator is broken.
    #[error("the random number generator repeated a token; no challenge was issued")]
    RepeatedToken,
}

/// Launches a check at `launched_at`: its targets and one challenge per targeted contact, each
/// with a fresh token and its send time, in the order of the targets. The same `rng` state gives
/// the same tokens and send times.
pub fn launch(
    spec: &CheckSpec,
    states: &[State],
    contacts: &[Contact],
    launched_at: OffsetDateTime,
    rng: &mut impl RngCore,
) -> Result<Launch, LaunchError> {
    let targets = targets(spec, states, contacts);
    let mut seen = BTreeSet::new();
    let mut challenges = Vec::new();
    for target in &targets {
        let Some(contact) = target.contact else {
            continue;
        };
        let token = new_token(rng);
        let token_hash = token_hash(&token);
        if !seen.insert(token_hash.clone()) {
            return Err(LaunchError::RepeatedToken);
        }
        challenges.push(Issued {
            token,
            challenge: Challenge {
                contact,
                state: target.state.clone(),
                level: target.level,
                token_hash,
                sent_at: launched_at.saturating_add(send_offset(spec.spread_hours, rng)),
                reminded_at: None,
                delivery_failed_at: None,
                answer: None,
            },
        });
    }
    Ok(Launch {
        targets,
        challenges,
    })
}

/// A new challenge token: [`TOKEN_BYTES`] random bytes in base64url without padding.
pub fn new_token(rng: &mut impl RngCore) -> String {
    let mut bytes = [0u8; TOKEN_BYTES];
    rng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a token: SHA-256, lower-case hex.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// How long after the launch a challenge is sent: whole seconds drawn uniformly from
/// `0..=spread_hours` hours; always zero (and no randomness used) without a spread.
pub fn send_offset(spread_hours: u32, rng: &mut impl RngCore) -> Duration {
    if spread_hours == 0 {
        return Duration::ZERO;
    }
    let max = i64::from(spread_hours) * 3600;
    Duration::seconds(rng.random_range(0..=max))
}
