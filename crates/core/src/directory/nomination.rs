//! The nomination file for the UN Global Points of Contact Directory (UNODA, set up by the
//! Open-Ended Working Group on ICT security): a State's diplomatic and technical points of
//! contact and its national structures, taken from its CBM 8 entry so that it is kept once.
//! The file's JSON Schema is docs/un-nomination.schema.json.

use liaison_types::directory::{Contact, ContactKind, Level, StructureKind};
use liaison_types::state::{State, StateCode};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// The identifier of the file format, also the `$id` of its JSON Schema.
pub const SCHEMA: &str = "https://liaison.example/schemas/un-nomination/1";

/// The JSON Schema of the file, to be served at [`SCHEMA`] or handed to the Secretariat.
pub const JSON_SCHEMA: &str = include_str!("../../../../docs/un-nomination.schema.json");

/// A State's nomination to the UN Global POC Directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nomination {
    /// Always [`SCHEMA`].
    pub schema: String,
    pub state: NominatingState,
    #[serde(with = "time::serde::rfc3339")]
    pub generated_at: OffsetDateTime,
    /// The policy-level points of contact of CBM 8.
    pub diplomatic: Vec<PocEntry>,
    pub technical: Vec<PocEntry>,
    pub national_structures: Vec<StructureEntry>,
}

/// The State that nominates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NominatingState {
    /// ISO 3166-1 alpha-3.
    pub code: StateCode,
    /// ISO 3166-1 alpha-2.
    pub alpha2: String,
    pub name: String,
}

/// A diplomatic or technical point of contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PocEntry {
    pub name: String,
    pub function: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub languages: Vec<String>,
    pub available_24_7: bool,
    pub time_zone: String,
    /// The fingerprint of the registered OpenPGP key, upper-case hex; `null` without a key.
    pub openpgp_fingerprint: Option<String>,
    pub deputy: bool,
}

/// A national structure: CERT/CSIRT, ministry, law enforcement, regulator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StructureEntry {
    pub kind: StructureKind,
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub phone: String,
    pub website: String,
    pub available_24_7: bool,
}

/// The nomination of `state` from its contacts: retired contacts and contacts of other States
/// are left out; principals come before deputies, and each group keeps the order of the ids.
pub fn nomination(state: &State, contacts: &[Contact], generated_at: OffsetDateTime) -> Nomination {
    let mut active: Vec<&Contact> = contacts
        .iter()
        .filter(|c| !c.retired && c.state == state.code)
        .collect();
    active.sort_by_key(|c| (c.details.deputy, c.id));
    let poc = |level: Level| -> Vec<PocEntry> {
        active
            .iter()
            .filter(|c| c.kind == ContactKind::Poc { level })
            .map(|c| poc_entry(c))
            .collect()
    };
    Nomination {
        schema: SCHEMA.to_owned(),
        state: NominatingState {
            code: state.code.clone(),
            alpha2: state.alpha2.clone(),
            name: state.name.clone(),
        },
        generated_at,
        diplomatic: poc(Level::Policy),
        technical: poc(Level::Technical),
        national_structures: active
            .iter()
            .filter_map(|c| match c.kind {
                ContactKind::Structure { structure } => Some(structure_entry(c, structure)),
                ContactKind::Poc { .. } => None,
            })
            .collect(),
    }
}

fn poc_entry(contact: &Contact) -> PocEntry {
    let d = &contact.details;
    PocEntry {
        name: d.name.clone(),
        function: d.function.clone(),
        organisation: d.organisation.clone(),
        email: d.email.clone(),
        phone: d.phone.clone(),
        languages: d.languages.clone(),
        available_24_7: d.available_24_7,
        time_zone: d.time_zone.clone(),
        openpgp_fingerprint: contact.key.as_ref().map(|key| key.fingerprint.clone()),
        deputy: d.deputy,
    }
}

fn structure_entry(contact: &Contact, kind: StructureKind) -> StructureEntry {
    let d = &contact.details;
    StructureEntry {
        kind,
        name: d.name.clone(),
        organisation: d.organisation.clone(),
        email: d.email.clone(),
        phone: d.phone.clone(),
        website: d.website.clone(),
        available_24_7: d.available_24_7,
    }
}

/// The file's text: pretty-printed JSON, as it is read by people before it is sent.
pub fn to_json(nomination: &Nomination) -> Result<String, String> {
    serde_json::to_string_pretty(nomination)
        .map_err(|e| format!("writing the nomination file: {e}"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use liaison_types::directory::{AnnualStatus, ContactDetails, KeySummary};
    use liaison_types::state::StateStatus;
    use serde_json::{Value, json};
    use time::macros::{date, datetime};

    fn austria() -> State {
        State {
            code: StateCode::parse("AUT").unwrap(),
            alpha2: "AT".into(),
            name: "Austria".into(),
            status: StateStatus::Participating,
        }
    }

    fn contact(id: i64, kind: ContactKind, name: &str) -> Contact {
        Contact {
            id,
            state: StateCode::parse("AUT").unwrap(),
            kind,
            details: ContactDetails {
                name: name.into(),
                function: "Head of Unit".into(),
                organisation: "Federal Ministry for European and International Affairs".into(),
                email: "cyber@bmeia.gv.at".into(),
                phone: "+43 1 90115 0".into(),
                available_24_7: false,
                time_zone: "Europe/Vienna".into(),
                languages: vec!["de".into(), "en".into()],
                deputy: false,
                website: "https://www.bmeia.gv.at".into(),
                notes: "Not part of the nomination.".into(),
            },
            key: None,
            version: 1,
            effective_on: date!(2026 - 01 - 15),
            recorded_at: datetime!(2026-01-20 9:30 UTC),
            confirmed_on: date!(2026 - 01 - 20),
            due_on: date!(2027 - 01 - 20),
            annual_status: AnnualStatus::Current,
            retired: false,
            scheduled: None,
        }
    }

    const POLICY: ContactKind = ContactKind::Poc {
        level: Level::Policy,
    };
    const TECHNICAL: ContactKind = ContactKind::Poc {
        level: Level::Technical,
    };
    const CSIRT: ContactKind = ContactKind::Structure {
        structure: StructureKind::NationalCsirt,
    };

    fn contacts() -> Vec<Contact> {
        let mut deputy = contact(1, POLICY, "Deputy");
        deputy.details.deputy = true;
        let mut principal = contact(5, POLICY, "Principal");
        principal.key = Some(KeySummary {
            fingerprint: "3F2A9C1B0D4E5F60718293A4B5C6D7E8F9012345".into(),
            algorithm: "ed25519".into(),
            expires_at: None,
        });
        let mut retired = contact(2, TECHNICAL, "Retired");
        retired.retired = true;
        let mut foreign = contact(3, TECHNICAL, "Foreign");
        foreign.state = StateCode::parse("DEU").unwrap();
        let mut csirt = contact(4, CSIRT, "CERT.at");
        csirt.details.available_24_7 = true;
        vec![
            deputy,
            principal,
            retired,
            foreign,
            csirt,
            contact(6, TECHNICAL, "Technical"),
        ]
    }

    fn generated() -> Nomination {
        nomination(&austria(), &contacts(), datetime!(2026-03-01 12:00 UTC))
    }

    fn schema() -> Value {
        serde_json::from_str(JSON_SCHEMA).unwrap()
    }

    fn validator() -> jsonschema::Validator {
        jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema())
            .unwrap()
    }

    fn problems(instance: &Value) -> Vec<String> {
        validator()
            .iter_errors(instance)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect()
    }

    #[test]
    fn contacts_are_sorted_into_the_three_lists() {
        let n = generated();
        assert_eq!(n.schema, SCHEMA);
        let names = |entries: &[PocEntry]| -> Vec<String> {
            entries.iter().map(|e| e.name.clone()).collect()
        };
        assert_eq!(names(&n.diplomatic), ["Principal", "Deputy"]);
        assert_eq!(names(&n.technical), ["Technical"]);
        assert_eq!(n.national_structures.len(), 1);
        assert_eq!(n.national_structures[0].kind, StructureKind::NationalCsirt);
        assert!(n.national_structures[0].available_24_7);
        assert_eq!(
            n.diplomatic[0].openpgp_fingerprint.as_deref(),
            Some("3F2A9C1B0D4E5F60718293A4B5C6D7E8F9012345")
        );
        assert_eq!(n.diplomatic[1].openpgp_fingerprint, None);
        assert!(n.diplomatic[1].deputy);
    }

    #[test]
    fn the_json_has_the_documented_shape() {
        let value: Value = serde_json::from_str(&to_json(&generated()).unwrap()).unwrap();
        assert_eq!(
            value,
            json!({
                "schema": SCHEMA,
                "state": { "code": "AUT", "alpha2": "AT", "name": "Austria" },
                "generated_at": "2026-03-01T12:00:00Z",
                "diplomatic": [
                    {
                        "name": "Principal",
                        "function": "Head of Unit",
                        "organisation": "Federal Ministry for European and International Affairs",
                        "email": "cyber@bmeia.gv.at",
                        "phone": "+43 1 90115 0",
                        "languages": ["de", "en"],
                        "available_24_7": false,
                        "time_zone": "Europe/Vienna",
                        "openpgp_fingerprint": "3F2A9C1B0D4E5F60718293A4B5C6D7E8F9012345",
                        "deputy": false
                    },
                    {
                        "name": "Deputy",
                        "function": "Head of Unit",
                        "organisation": "Federal Ministry for European and International Affairs",
                        "email": "cyber@bmeia.gv.at",
                        "phone": "+43 1 90115 0",
                        "languages": ["de", "en"],
                        "available_24_7": false,
                        "time_zone": "Europe/Vienna",
                        "openpgp_fingerprint": null,
                        "deputy": true
                    }
                ],
                "technical": [
                    {
                        "name": "Technical",
                        "function": "Head of Unit",
                        "organisation": "Federal Ministry for European and International Affairs",
                        "email": "cyber@bmeia.gv.at",
                        "phone": "+43 1 90115 0",
                        "languages": ["de", "en"],
                        "available_24_7": false,
                        "time_zone": "Europe/Vienna",
                        "openpgp_fingerprint": null,
                        "deputy": false
                    }
                ],
                "national_structures": [
                    {
                        "kind": "national-csirt",
                        "name": "CERT.at",
                        "organisation": "Federal Ministry for European and International Affairs",
                        "email": "cyber@bmeia.gv.at",
                        "phone": "+43 1 90115 0",
                        "website": "https://www.bmeia.gv.at",
                        "available_24_7": true
                    }
                ]
            })
        );
    }

    #[test]
    fn generated_files_are_valid_against_the_schema() {
        let text = to_json(&generated()).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(problems(&value), Vec::<String>::new());
        // A State with nothing to nominate still gives a valid file.
        let empty = nomination(&austria(), &[], datetime!(2026-03-01 12:00 +01:00));
        let value = serde_json::to_value(&empty).unwrap();
        assert_eq!(problems(&value), Vec::<String>::new());
        // The file reads back into the same value.
        let back: Nomination = serde_json::from_str(&text).unwrap();
        assert_eq!(back, generated());
    }

    /// A change that makes a file invalid, and what it is.
    type Mutation = (&'static str, fn(&mut Value));

    #[test]
    fn the_schema_refuses_what_the_file_never_holds() {
        let valid = serde_json::to_value(generated()).unwrap();
        let mutations: [Mutation; 9] = [
            ("an extra key", |v| {
                v["diplomatic"][0]["notes"] = json!("x");
            }),
            ("a missing key", |v| {
                v["technical"][0].as_object_mut().unwrap().remove("deputy");
            }),
            ("a missing list", |v| {
                v.as_object_mut().unwrap().remove("national_structures");
            }),
            ("another schema", |v| {
                v["schema"] = json!("https://example.org/other")
            }),
            ("a lower-case State code", |v| {
                v["state"]["code"] = json!("aut")
            }),
            ("an unknown structure kind", |v| {
                v["national_structures"][0]["kind"] = json!("cert");
            }),
            ("a bad fingerprint", |v| {
                v["diplomatic"][0]["openpgp_fingerprint"] = json!("abc");
            }),
            ("a date without time", |v| {
                v["generated_at"] = json!("2026-03-01")
            }),
            ("a number as a phone", |v| {
                v["technical"][0]["phone"] = json!(431);
            }),
        ];
        for (what, mutate) in mutations {
            let mut value = valid.clone();
            mutate(&mut value);
            assert!(!problems(&value).is_empty(), "{what} should be refused");
        }
    }

    /// Every IANA time zone that `validate_details` accepts matches the schema's pattern.
    #[test]
    fn the_schema_accepts_every_time_zone() {
        let validator = validator();
        let mut value = serde_json::to_value(generated()).unwrap();
        for zone in chrono_tz::TZ_VARIANTS {
            value["technical"][0]["time_zone"] = json!(zone.name());
            assert!(validator.is_valid(&value), "{}", zone.name());
        }
    }

    /// The schema describes the file exactly: every object lists all its keys as required and
    /// allows no others, and they are the keys the Rust types write.
    #[test]
    fn the_schema_requires_exactly_the_keys_written() {
        fn keys(value: &Value) -> Vec<String> {
            let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            keys
        }
        fn closed(schema: &Value) -> Vec<String> {
            assert_eq!(schema["additionalProperties"], json!(false), "{schema}");
            let mut required: Vec<String> = schema["required"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| k.as_str().unwrap().to_owned())
                .collect();
            required.sort();
            assert_eq!(required, keys(&schema["properties"]), "{schema}");
            required
        }
        let schema = schema();
        let value = serde_json::to_value(generated()).unwrap();
        assert_eq!(closed(&schema), keys(&value));
        assert_eq!(
            closed(&schema["properties"]["state"]),
            keys(&value["state"])
        );
        assert_eq!(
            closed(&schema["$defs"]["poc"]),
            keys(&value["diplomatic"][0])
        );
        assert_eq!(
            closed(&schema["$defs"]["structure"]),
            keys(&value["national_structures"][0])
        );
        assert_eq!(schema["$id"], json!(SCHEMA));
        assert_eq!(schema["properties"]["schema"]["const"], json!(SCHEMA));
        let kinds: Vec<&str> = schema["$defs"]["structure"]["properties"]["kind"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_str().unwrap())
            .collect();
        assert_eq!(kinds, StructureKind::ALL.map(StructureKind::as_str));
    }
}
