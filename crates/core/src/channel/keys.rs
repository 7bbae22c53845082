//! The key set of a message in a thread: every current, usable key of the points of contact of
//! the thread's States at the request's level (the sending State's too, so that it reads its own
//! thread), the key of the contact who writes the message (who must read what it sent, at
//! whatever level it serves), and, for a technical-level request, the recipient States'
//! policy-level keys: the server cannot re-encrypt, so a policy-level contact reached when a
//! request is escalated can read it only if it was encrypted to them from the start.
//!
//! A contact without a key, or whose key has expired or been revoked, is left out and the writer
//! is told; a party State with no usable key at the level cannot be addressed at it, and the
//! writer is told whether the other level could be. The State that sends a request without a
//! usable key at the level may still send; it will not read the thread.

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

/// Who writes a message of a thread, and the thread's parties.
#[derive(Debug, Clone, Copy)]
pub struct Writing<'a> {
    /// The State whose account writes: the request's sender, or a recipient replying.
    pub writer: &'a StateCode,
    /// The directory contact the writing account is, if it is one.
    pub writer_contact: Option<i64>,
    /// The State that sent the request.
    pub from: &'a StateCode,
    /// The States the request was sent to.
    pub to: &'a [StateCode],
    pub level: Level,
}

/// The key set of a message written as `writing` says, from the candidates of the thread's
/// States, as of `now`. Every party State (other than the writer's) with no usable key at the
/// level is named at once.
pub fn key_set(
    writing: &Writing<'_>,
    candidates: &[Candidate<'_>],
    now: OffsetDateTime,
) -> Result<KeySet, Vec<Unaddressable>> {
    let Writing {
        writer,
        writer_contact,
        from,
        to,
        level,
    } = *writing;
    let other = level.other();
    let states: BTreeSet<&StateCode> = to.iter().chain([from, writer]).collect();
    let mut keys: Vec<ExpectedKey> = Vec::new();
    let mut left_out: Vec<(i64, LeftOut)> = Vec::new();
    let mut unaddressable = Vec::new();
    let mut take = |candidate: &Candidate<'_>, keys: &mut Vec<ExpectedKey>| -> bool {
        if keys.iter().any(|k| k.contact == candidate.contact)
            || left_out.iter().any(|(c, _)| *c == candidate.contact)
        {
            return false;
        }
        match usable(candidate, now) {
            Ok(key) => {
                keys.push(key);
                true
            }
            Err(reason) => {
                left_out.push((candidate.contact, reason));
                false
            }
        }
    };
    for state in states {
        let mut any = false;
        for candidate in candidates
            .iter()
            .filter(|c| c.state == state && at_level(c, level))
        {
            any |= take(candidate, &mut keys);
        }
        if !any && state != writer {
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
    // A technical-level request reaches the recipients' policy level when it is escalated.
    if level == Level::Technical {
        for candidate in candidates
            .iter()
            .filter(|c| to.contains(c.state) && at_level(c, Level::Policy))
        {
            take(candidate, &mut keys);
        }
    }
    // The writer reads what it wrote, whatever level it serves.
    if let Some(own) = writer_contact
        && let Some(candidate) = candidates
            .iter()
            .find(|c| c.contact == own && c.state == writer && !c.retired)
    {
        take(candidate, &mut keys);
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

    fn sent(
        from: &StateCode,
        to: &[StateCode],
        level: Level,
        candidates: &[Candidate<'_>],
    ) -> Result<KeySet, Vec<Unaddressable>> {
        let writing = Writing {
            writer: from,
            writer_contact: None,
            from,
            to,
            level,
        };
        key_set(&writing, candidates, NOW)
    }

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
        let set = sent(
            &deu,
            std::slice::from_ref(&fra),
            Level::Technical,
            &candidates,
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
        let refused = sent(
            &deu,
            &[fra.clone(), aut.clone()],
            Level::Policy,
            &candidates,
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
        let refused = sent(
            &deu,
            std::slice::from_ref(&aut),
            Level::Policy,
            &without_keys,
        )
        .unwrap_err();
        assert!(!refused[0].other_level);

        // A sender without a key at the level still sends; its State is simply not in the set.
        let set = sent(&aut, std::slice::from_ref(&deu), Level::Policy, &candidates).unwrap();
        assert_eq!(set.keys.iter().map(|k| k.contact).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn a_technical_request_holds_the_recipients_policy_keys_and_the_writers_own_key() {
        let (deu, est) = (code("DEU"), code("EST"));
        let candidates = [
            // Germany: a technical key, and the policy-level contact that writes below.
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
            // Estonia: technical, and two policy-level contacts, one without a key.
            Candidate {
                contact: 3,
                state: &est,
                kind: poc(Level::Technical),
                retired: false,
                key: Some(VALID),
            },
            Candidate {
                contact: 4,
                state: &est,
                kind: poc(Level::Policy),
                retired: false,
                key: Some(RSA),
            },
            Candidate {
                contact: 5,
                state: &est,
                kind: poc(Level::Policy),
                retired: false,
                key: None,
            },
        ];
        let contacts = |set: &KeySet| set.keys.iter().map(|k| k.contact).collect::<Vec<_>>();
        let to = std::slice::from_ref(&est);

        // Technical: both States' technical keys and Estonia's policy key (not Germany's own
        // policy level, which the request does not reach); the keyless one is named.
        let set = sent(&deu, to, Level::Technical, &candidates).unwrap();
        assert_eq!(contacts(&set), [1, 3, 4]);
        assert_eq!(set.left_out, [(5, LeftOut::NoKey)]);
        // Policy: the policy level only.
        let set = sent(&deu, to, Level::Policy, &candidates).unwrap();
        assert_eq!(contacts(&set), [2, 4]);

        // Germany's policy-level contact writes at the technical level: its own key is added.
        let writing = Writing {
            writer: &deu,
            writer_contact: Some(2),
            from: &deu,
            to,
            level: Level::Technical,
        };
        assert_eq!(
            contacts(&key_set(&writing, &candidates, NOW).unwrap()),
            [1, 2, 3, 4]
        );
        // A contact of another State is never added as the writer's.
        let writing = Writing {
            writer_contact: Some(4),
            level: Level::Policy,
            ..writing
        };
        assert_eq!(
            contacts(&key_set(&writing, &candidates, NOW).unwrap()),
            [2, 4]
        );

        // Estonia replies in the technical thread: the same set, Germany must be addressable.
        let reply = Writing {
            writer: &est,
            writer_contact: Some(3),
            from: &deu,
            to,
            level: Level::Technical,
        };
        assert_eq!(
            contacts(&key_set(&reply, &candidates, NOW).unwrap()),
            [1, 3, 4]
        );
        let without_germany: Vec<Candidate<'_>> = candidates
            .iter()
            .map(|c| Candidate {
                key: if c.state == &deu { None } else { c.key },
                ..*c
            })
            .collect();
        let refused = key_set(&reply, &without_germany, NOW).unwrap_err();
        assert_eq!(refused[0].state, deu);
    }
}
