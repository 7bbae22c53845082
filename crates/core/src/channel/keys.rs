//! The key set of a request: every current, usable key of the recipient States' points of
//! contact at the request's level, and of the sender's own State's at that level (so that the
//! sending State reads its own thread). A contact without a key, or whose key has expired or
//! been revoked, is left out and the sender is told; a recipient State with no usable key at the
//! level cannot be addressed at it, and the sender is told whether the other level could be. A
//! sending State without a usable key at the level may still send; it will not read the thread.

use super::envelope::ExpectedKey;
use crate::directory::key::{KeyError, parse_public_key};
use liaison_types::directory::{ContactKind, Level};
use liaison_types::state::StateCode;
use std::collections::BTreeSet;
use time::OffsetDateTime;

/// A directory contact that may hold a key of the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate<'a> {
    pub contact: i64,
    pub state: &'a StateCode,
    pub kind: ContactKind,
    pub retired: bool,
    /// The contact's registered OpenPGP public key, armored.
    pub key: Option<&'a str>,
}

/// Why a point of contact's key is not in the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftOut {
    NoKey,
    /// The registered key no longer passes (expired, revoked, …) at the time of sending.
    Unusable(KeyError),
}

impl LeftOut {
    /// The reason as the API names it.
    pub fn reason(&self) -> liaison_types::channel::LeftOutReason {
        use liaison_types::channel::LeftOutReason;
        match self {
            LeftOut::NoKey => LeftOutReason::NoKey,
            LeftOut::Unusable(KeyError::Expired(_)) => LeftOutReason::Expired,
            LeftOut::Unusable(KeyError::Revoked) => LeftOutReason::Revoked,
            LeftOut::Unusable(_) => LeftOutReason::Unusable,
        }
    }
}

/// A recipient State that has no usable key at the requested level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unaddressable {
    pub state: StateCode,
    pub level: Level,
    /// Whether the State has a usable key at the other level, so the request could go there.
    pub other_level: bool,
}

/// The keys to encrypt to, and the contacts left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySet {
    /// By contact id.
    pub keys: Vec<ExpectedKey>,
    pub left_out: Vec<(i64, LeftOut)>,
}

fn usable(candidate: &Candidate<'_>, now: OffsetDateTime) -> Result<ExpectedKey, LeftOut> {
    let armored = candidate.key.ok_or(LeftOut::NoKey)?;
    let info = parse_public_key(armored.as_bytes(), now).map_err(LeftOut::Unusable)?;
    Ok(ExpectedKey {
        contact: candidate.contact,
        fingerprint: info.fingerprint,
        encryption_fingerprints: info.encryption_fingerprints,
    })
}

fn at_level(candidate: &Candidate<'_>, level: Level) -> bool {
    !candidate.retired && candidate.kind == ContactKind::Poc { level }
}

/// The key set of a request from `sender` to `recipients` at `level`, from the candidates of
/// those States, as of `now`. Every unaddressable recipient State is named at once.
pub fn key_set(
    sender: &StateCode,
    recipients: &[StateCode],
    level: Level,
    candidates: &[Candidate<'_>],
    now: OffsetDateTime,
) -> Result<KeySet, Vec<Unaddressable>> {
    let other = level.other();
    let states: BTreeSet<&StateCode> = recipients.iter().chain([sender]).collect();
    let mut keys = Vec::new();
    let mut left_out = Vec::new();
    let mut unaddressable = Vec::new();
    for state in states {
        let mut any = false;
        for candidate in candidates
            .iter()
            .filter(|c| c.state == state && at_level(c, level))
        {
            match usable(candidate, now) {
                Ok(key) => {
                    any = true;
                    keys.push(key);
                }
                Err(reason) => left_out.push((candidate.contact, reason)),
            }
        }
        if !any && state != sender {
            let other_level = candidates
                .iter()
                .filter(|c| c.state == state && at_level(c, other))
                .any(|c| usable(c, now).is_ok());
            unaddressable.push(Unaddressable {
                state: state.clone(),
                level,
                other_level,
            });
        }
    }
    if !unaddressable.is_empty() {
        return Err(unaddressable);
    }
    keys.sort_by_key(|k| k.contact);
    left_out.sort_by_key(|(contact, _)| *contact);
    Ok(KeySet { keys, left_out })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const VALID: &str = include_str!("../../tests/fixtures/keys/valid-ed25519.asc");
    const RSA: &str = include_str!("../../tests/fixtures/keys/valid-rsa3072.asc");
    const EXPIRED: &str = include_str!("../../tests/fixtures/keys/expired.asc");
    const REVOKED: &str = include_str!("../../tests/fixtures/keys/revoked.asc");
    const NOW: OffsetDateTime = datetime!(2027-01-15 10:00 UTC);

    fn code(text: &str) -> StateCode {
        StateCode::parse(text).unwrap()
    }

    fn poc(level: Level) -> ContactKind {
        ContactKind::Poc { level }
    }

    #[test]
    fn recipients_and_sender_at_the_level_with_usable_keys_only() {
        let (deu, fra, aut) = (code("DEU"), code("FRA"), code("AUT"));
        let candidates = [
            // Germany, the sender: one technical key, one policy key (another level).
            Candidate {
                contact: 1,
                state: &deu,
                kind: poc(Level::Technical),
                retired: false,
                key: Some(VALID),
            },
            Candidate {
                contact: 2,
                state: &deu,
                kind: poc(Level::Policy),
                retired: false,
                key: Some(RSA),
            },
            // France: a usable key, an expired one, a revoked one, none, and a retired contact.
            Candidate {
                contact: 3,
                state: &fra,
                kind: poc(Level::Technical),
                retired: false,
                key: Some(RSA),
            },
            Candidate {
                contact: 4,
                state: &fra,
                kind: poc(Level::Technical),
                retired: false,
                key: Some(EXPIRED),
            },
            Candidate {
                contact: 5,
                state: &fra,
                kind: poc(Level::Technical),
                retired: false,
                key: Some(REVOKED),
            },
            Candidate {
                contact: 6,
                state: &fra,
                kind: poc(Level::Technical),
                retired: false,
                key: None,
            },
            Candidate {
                contact: 7,
                state: &fra,
                kind: poc(Level::Technical),
                retired: true,
                key: Some(VALID),
            },
            // Austria: technical level only.
            Candidate {
                contact: 8,
                state: &aut,
                kind: poc(Level::Technical),
                retired: false,
                key: Some(VALID),
            },
        ];
        let set = key_set(
            &deu,
            std::slice::from_ref(&fra),
            Level::Technical,
            &candidates,
            NOW,
        )
        .unwrap();
        assert_eq!(
            set.keys.iter().map(|k| k.contact).collect::<Vec<_>>(),
            [1, 3]
        );
        let left: Vec<(i64, &str)> = set
            .left_out
            .iter()
            .map(|(c, why)| {
                (
                    *c,
                    match why {
                        LeftOut::NoKey => "none",
                        LeftOut::Unusable(KeyError::Expired(_)) => "expired",
                        LeftOut::Unusable(KeyError::Revoked) => "revoked",
                        LeftOut::Unusable(_) => "other",
                    },
                )
            })
            .collect();
        assert_eq!(left, [(4, "expired"), (5, "revoked"), (6, "none")]);

        // At the policy level France and Austria cannot be addressed; Austria neither at the
        // other level once its key is gone.
        let refused = key_set(
            &deu,
            &[fra.clone(), aut.clone()],
            Level::Policy,
            &candidates,
            NOW,
        )
        .unwrap_err();
        assert_eq!(
            refused,
            [
                Unaddressable {
                    state: aut.clone(),
                    level: Level::Policy,
                    other_level: true
                },
                Unaddressable {
                    state: fra.clone(),
                    level: Level::Policy,
                    other_level: true
                },
            ]
        );
        let without_keys: Vec<Candidate<'_>> = candidates
            .iter()
            .map(|c| Candidate {
                key: if c.state == &aut { None } else { c.key },
                ..*c
            })
            .collect();
        let refused = key_set(
            &deu,
            std::slice::from_ref(&aut),
            Level::Policy,
            &without_keys,
            NOW,
        )
        .unwrap_err();
        assert!(!refused[0].other_level);

        // A sender without a key at the level still sends; its State is simply not in the set.
        let set = key_set(
            &aut,
            std::slice::from_ref(&deu),
            Level::Policy,
            &candidates,
            NOW,
        )
        .unwrap();
        assert_eq!(set.keys.iter().map(|k| k.contact).collect::<Vec<_>>(), [2]);
    }
}
