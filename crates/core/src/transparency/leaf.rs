//! What one leaf of the log says: one version of one directory entry. The leaf is a fixed text,
//! one field per line, that any tool can rebuild and check against what the directory serves:
//!
//! ```text
//! liaison-directory-leaf-v1
//! contact 17
//! state DEU
//! version 3
//! change key
//! kind poc technical                      (or: kind structure national-csirt)
//! key 4F2A…                               (the OpenPGP fingerprint, or: key none)
//! effective-on 2027-01-10
//! recorded-at 2027-01-15T10:00:00.000000Z
//! details 9c1f…                           (SHA-256 of the details, see below)
//! ```
//!
//! The key's fingerprint is in clear, so that a swapped key is visible to every reader of the
//! log. The person's details (name, function, organisation, email, phone, 24/7, time zone,
//! languages, deputy, website, notes) are in as a SHA-256 commitment to the JSON array of
//! those eleven values in that order: an append-only log must not hold personal data that may
//! have to be erased, and whoever may read the contact can recompute the hash.

use super::merkle::{Hash, hash_from_hex, leaf_hash};
use liaison_types::directory::{
    Change, Contact, ContactDetails, ContactKind, ContactVersion, Level, StructureKind,
};
use liaison_types::state::StateCode;
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

/// The first line of a leaf: the format and its version.
pub const CONTEXT: &str = "liaison-directory-leaf-v1";

/// One version of one directory entry, as the log records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaf {
    pub contact_id: i64,
    pub state: StateCode,
    pub version: i64,
    pub change: Change,
    pub kind: ContactKind,
    /// The fingerprint of the registered OpenPGP key.
    pub key: Option<String>,
    pub effective_on: Date,
    pub recorded_at: OffsetDateTime,
    /// [`details_digest`] of the version's details.
    pub details: Hash,
}

/// Why a leaf's text is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line} of the leaf is not valid: {problem}")]
pub struct LeafError {
    pub line: usize,
    pub problem: String,
}

/// The SHA-256 commitment to a version's details.
pub fn details_digest(details: &ContactDetails) -> Hash {
    let values = (
        &details.name,
        &details.function,
        &details.organisation,
        &details.email,
        &details.phone,
        details.available_24_7,
        &details.time_zone,
        &details.languages,
        details.deputy,
        &details.website,
        &details.notes,
    );
    // Serialising strings, booleans and a list of strings cannot fail.
    let json = serde_json::to_vec(&values).unwrap_or_default();
    Sha256::digest(json).into()
}

impl Leaf {
    /// The leaf of a version of an entry of `state`.
    pub fn of_version(state: &StateCode, version: &ContactVersion) -> Leaf {
        Leaf {
            contact_id: version.contact_id,
            state: state.clone(),
            version: version.version,
            change: version.change,
            kind: version.kind,
            key: version.key.as_ref().map(|k| k.fingerprint.clone()),
            effective_on: version.effective_on,
            recorded_at: version.recorded_at,
            details: details_digest(&version.details),
        }
    }

    /// The leaf of a contact's current version, which `change` made.
    pub fn of_contact(contact: &Contact, change: Change) -> Leaf {
        Leaf {
            contact_id: contact.id,
            state: contact.state.clone(),
            version: contact.version,
            change,
            kind: contact.kind,
            key: contact.key.as_ref().map(|k| k.fingerprint.clone()),
            effective_on: contact.effective_on,
            recorded_at: contact.recorded_at,
            details: details_digest(&contact.details),
        }
    }

    /// The text of the leaf, the bytes the log hashes.
    pub fn encode(&self) -> String {
        let kind = match self.kind {
            ContactKind::Poc { level } => format!("poc {}", level.as_str()),
            ContactKind::Structure { structure } => format!("structure {}", structure.as_str()),
        };
        format!(
            "{CONTEXT}\ncontact {}\nstate {}\nversion {}\nchange {}\nkind {kind}\nkey {}\neffective-on {}\nrecorded-at {}\ndetails {}\n",
            self.contact_id,
            self.state,
            self.version,
            self.change.as_str(),
            self.key.as_deref().unwrap_or("none"),
            self.effective_on,
            crate::clock::stamp(self.recorded_at),
            hex::encode(self.details),
        )
    }

    /// The leaf's hash in the tree (RFC 9162 `leaf_hash` of its text).
    pub fn hash(&self) -> Hash {
        leaf_hash(self.encode().as_bytes())
    }

    /// Reads a leaf's text; only the exact form [`Leaf::encode`] writes is accepted.
    pub fn parse(text: &str) -> Result<Leaf, LeafError> {
        let body = text.strip_suffix('\n').ok_or(LeafError {
            line: text.lines().count(),
            problem: "the last line does not end with a newline".into(),
        })?;
        let lines: Vec<&str> = body.split('\n').collect();
        let field = |line: usize, name: &str| -> Result<&str, LeafError> {
            lines
                .get(line)
                .and_then(|l| l.strip_prefix(name))
                .and_then(|l| l.strip_prefix(' '))
                .ok_or_else(|| LeafError {
                    line: line + 1,
                    problem: format!("expected '{name} …'"),
                })
        };
        let bad = |line: usize, problem: String| LeafError {
            line: line + 1,
            problem,
        };
        if lines.first() != Some(&CONTEXT) {
            return Err(bad(0, format!("expected '{CONTEXT}'")));
        }
        if lines.len() != 10 {
            return Err(bad(lines.len().min(10), "a leaf has ten lines".into()));
        }
        let number = |line: usize, name: &str| -> Result<i64, LeafError> {
            let text = field(line, name)?;
            match text.parse::<i64>() {
                Ok(n) if n >= 0 && n.to_string() == text => Ok(n),
                _ => Err(bad(line, format!("'{text}' is not a number"))),
            }
        };
        let contact_id = number(1, "contact")?;
        let state = StateCode::parse(field(2, "state")?).map_err(|e| bad(2, e))?;
        let version = number(3, "version")?;
        let change = Change::parse(field(4, "change")?).map_err(|e| bad(4, e))?;
        let kind = match field(5, "kind")?.split_once(' ') {
            Some(("poc", level)) => ContactKind::Poc {
                level: Level::parse(level).map_err(|e| bad(5, e))?,
            },
            Some(("structure", structure)) => ContactKind::Structure {
                structure: StructureKind::parse(structure).map_err(|e| bad(5, e))?,
            },
            _ => return Err(bad(5, "expected 'poc LEVEL' or 'structure KIND'".into())),
        };
        let key = match field(6, "key")? {
            "none" => None,
            fingerprint
                if !fingerprint.is_empty()
                    && fingerprint
                        .chars()
                        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) =>
            {
                Some(fingerprint.to_owned())
            }
            other => return Err(bad(6, format!("'{other}' is not a fingerprint"))),
        };
        let effective_on = field(7, "effective-on")?;
        let effective_on = Date::parse(
            effective_on,
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .map_err(|e| bad(7, e.to_string()))?;
        let recorded_at = OffsetDateTime::parse(field(8, "recorded-at")?, &Rfc3339)
            .map_err(|e| bad(8, e.to_string()))?;
        let details = hash_from_hex(field(9, "details")?)
            .ok_or_else(|| bad(9, "expected 64 hex digits".into()))?;
        let leaf = Leaf {
            contact_id,
            state,
            version,
            change,
            kind,
            key,
            effective_on,
            recorded_at,
            details,
        };
        if leaf.encode() != text {
            return Err(bad(0, "the leaf is not in its one canonical form".into()));
        }
        Ok(leaf)
    }

    /// The fields in which a served contact differs from this leaf (empty when the leaf is the
    /// contact's current version as served).
    pub fn differences(&self, contact: &Contact) -> Vec<&'static str> {
        let mut differ = Vec::new();
        let mut check = |same: bool, field: &'static str| {
            if !same {
                differ.push(field);
            }
        };
        check(self.contact_id == contact.id, "contact");
        check(self.state == contact.state, "state");
        check(self.version == contact.version, "version");
        check(self.kind == contact.kind, "kind");
        check(
            self.key.as_deref() == contact.key.as_ref().map(|k| k.fingerprint.as_str()),
            "key",
        );
        check(self.effective_on == contact.effective_on, "effective_on");
        check(self.recorded_at == contact.recorded_at, "recorded_at");
        check(self.details == details_digest(&contact.details), "details");
        check(
            (self.change == Change::Retired) == contact.retired,
            "retired",
        );
        differ
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use liaison_types::directory::{AnnualStatus, KeySummary};
    use proptest::prelude::*;
    use time::macros::{date, datetime};

    fn details() -> ContactDetails {
        ContactDetails {
            name: "Anna Schmidt".into(),
            function: "Head of unit".into(),
            organisation: "Federal Foreign Office".into(),
            email: "anna@example.org".into(),
            phone: "+49 30 1234".into(),
            available_24_7: false,
            time_zone: "Europe/Berlin".into(),
            languages: vec!["de".into(), "en".into()],
            deputy: false,
            website: String::new(),
            notes: "line one\nline two".into(),
        }
    }

    fn leaf() -> Leaf {
        Leaf {
            contact_id: 17,
            state: StateCode::parse("DEU").unwrap(),
            version: 3,
            change: Change::Key,
            kind: ContactKind::Poc {
                level: Level::Technical,
            },
            key: Some("4F2A90C1D3E5F7A9B1C3D5E7F9A1B3C5D7E9F1A3".into()),
            effective_on: date!(2027 - 01 - 10),
            recorded_at: datetime!(2027-01-15 10:00:00.25 UTC),
            details: details_digest(&details()),
        }
    }

    #[test]
    fn a_leaf_is_a_fixed_text() {
        let text = leaf().encode();
        let expected = format!(
            "liaison-directory-leaf-v1\ncontact 17\nstate DEU\nversion 3\nchange key\nkind poc technical\n\
             key 4F2A90C1D3E5F7A9B1C3D5E7F9A1B3C5D7E9F1A3\neffective-on 2027-01-10\n\
             recorded-at 2027-01-15T10:00:00.250000Z\ndetails {}\n",
            hex::encode(details_digest(&details()))
        );
        assert_eq!(text, expected);
        assert_eq!(Leaf::parse(&text).unwrap(), leaf());
        // The digest is SHA-256 of the JSON array of the details, as documented.
        let json = r#"["Anna Schmidt","Head of unit","Federal Foreign Office","anna@example.org","+49 30 1234",false,"Europe/Berlin",["de","en"],false,"","line one\nline two"]"#;
        assert_eq!(
            details_digest(&details()),
            <[u8; 32]>::from(Sha256::digest(json))
        );
    }

    #[test]
    fn altered_or_loose_texts_are_refused() {
        let text = leaf().encode();
        for bad in [
            text.replace("version 3", "version 03"),
            text.replace("change key", "change swapped"),
            text.replace("kind poc technical", "kind poc"),
            text.replace("state DEU", "state deu"),
            text.trim_end().to_owned(),
            format!("{text}extra\n"),
            text.replace("liaison-directory-leaf-v1", "liaison-directory-leaf-v2"),
            text.replace("key 4F2A", "key 4f2a"),
        ] {
            assert!(Leaf::parse(&bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn a_served_contact_is_compared_field_by_field() {
        let leaf = leaf();
        let mut contact = Contact {
            id: 17,
            state: leaf.state.clone(),
            kind: leaf.kind,
            details: details(),
            key: Some(KeySummary {
                fingerprint: leaf.key.clone().unwrap(),
                algorithm: "EdDSA".into(),
                expires_at: None,
            }),
            version: 3,
            effective_on: leaf.effective_on,
            recorded_at: leaf.recorded_at,
            confirmed_on: date!(2027 - 01 - 15),
            due_on: date!(2028 - 01 - 15),
            annual_status: AnnualStatus::Current,
            retired: false,
            scheduled: None,
        };
        assert!(leaf.differences(&contact).is_empty());
        contact.details.email = "someone.else@example.org".into();
        contact.key.as_mut().unwrap().fingerprint = "0000".into();
        assert_eq!(leaf.differences(&contact), ["key", "details"]);
    }

    proptest! {
        /// Every leaf reads back as itself, and reading arbitrary text never panics.
        #[test]
        fn leaves_read_back_and_garbage_is_refused(
            contact in 0i64..1_000_000, version in 1i64..500, name in ".{0,40}",
            micros in 0i64..1_000_000, garbage in "\\PC{0,200}",
        ) {
            let mut details = details();
            details.name = name;
            let mut leaf = leaf();
            leaf.contact_id = contact;
            leaf.version = version;
            leaf.details = details_digest(&details);
            leaf.recorded_at += time::Duration::microseconds(micros);
            prop_assert_eq!(Leaf::parse(&leaf.encode()).unwrap(), leaf);
            let _ = Leaf::parse(&garbage);
        }
    }
}
