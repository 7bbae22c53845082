//! The API's contract as published (`/api/openapi.json`, `liaison openapi`, `docs/openapi.json`):
//! the OpenAPI document the handlers' annotations generate, finished in one place with what
//! holds for every operation alike, so that no annotation repeats it and none forgets it:
//!
//! - every response has a description (the status's reason phrase unless the handler says more);
//! - a refusal is `application/problem+json` (RFC 9457), as the server sends it;
//! - the refusals any operation can give are listed: a request that does not parse (400), no
//!   valid sign-in (401) or a role or State the rules refuse (403) where one is needed, nothing
//!   under a path's identifiers (404), a body too large (413) or that breaks a rule (422) where
//!   there is a body, too many requests (429) where a limiter guards it;
//! - parameters and body fields the rules bound are bounded from the rules' own constants (a
//!   cycle's year from `core::exchange::YEARS`, a check's window and message from
//!   `core::checks::launch`; row ids from 1).

use serde_json::{Map, Value, json};

const PROBLEM: &str = "#/components/schemas/Problem";

/// The finished document.
pub fn finish(document: &utoipa::openapi::OpenApi) -> Value {
    let mut document = serde_json::to_value(document).unwrap_or_default();
    if let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let Some(item) = item.as_object_mut() else {
                continue;
            };
            for (method, operation) in item.iter_mut() {
                if let Some(operation) = operation.as_object_mut() {
                    finish_operation(path, method, operation);
                }
            }
        }
    }
    bound_schemas(&mut document);
    for (schema, example) in examples() {
        if let Some(target) = schema_mut(&mut document, schema) {
            target.insert("examples".into(), json!([example]));
        }
    }
    document
}

/// The component schema named `name`.
fn schema_mut<'a>(document: &'a mut Value, name: &str) -> Option<&'a mut Map<String, Value>> {
    document
        .get_mut("components")?
        .get_mut("schemas")?
        .get_mut(name)?
        .as_object_mut()
}

/// An example of every JSON request body, by schema: what a client sends (the demo's
/// Germany, where a State is needed). A test reads each back as its Rust type.
fn examples() -> Vec<(&'static str, Value)> {
    vec![
        (
            "LoginRequest",
            json!({ "username": "deu.coordinator", "password": "liaison-demo-2026", "label": "nightly export" }),
        ),
        (
            "NewAccountBody",
            json!({
                "username": "deu.deputy", "display_name": "Deputy national coordinator, Germany",
                "email": "deputy@demo-de.example", "password": "a long and uncommon passphrase",
                "role": "coordinator", "state": "DEU", "locale": "de",
            }),
        ),
        (
            "AccountPatch",
            json!({ "display_name": "National coordinator, Germany", "disabled": false }),
        ),
        (
            "PasswordReset",
            json!({ "password": "a long and uncommon passphrase" }),
        ),
        (
            "PasswordChange",
            json!({ "current_password": "liaison-demo-2026", "new_password": "a long and uncommon passphrase" }),
        ),
        (
            "ContactInput",
            json!({
                "kind": "poc", "level": "technical", "name": "CERT-Bund duty officer",
                "function": "Duty officer", "organisation": "BSI", "email": "cert-bund@demo-de.example",
                "phone": "+49 228 99 9582 0", "available_24_7": true, "time_zone": "Europe/Berlin",
                "languages": ["de", "en"], "effective_on": "2027-01-15",
            }),
        ),
        ("EffectiveOn", json!({ "effective_on": "2027-01-15" })),
        (
            "KeyUpload",
            json!({ "armored": "-----BEGIN PGP PUBLIC KEY BLOCK-----\n…\n-----END PGP PUBLIC KEY BLOCK-----", "effective_on": "2027-01-15" }),
        ),
        (
            "CheckInput",
            json!({
                "scope": "region", "region": "western-europe", "levels": "both", "window_hours": 24,
                "spread_hours": 4, "message": "Please confirm that this point of contact is reachable.",
            }),
        ),
        (
            "TokenAnswer",
            json!({ "token": "the token of the challenge link" }),
        ),
        (
            "SignedAnswer",
            json!({ "signed": "-----BEGIN PGP SIGNED MESSAGE-----\n…" }),
        ),
        (
            "CycleInput",
            json!({ "year": 2027, "opens_on": "2027-01-01", "deadline": "2027-10-31" }),
        ),
        ("CirculationInput", json!({ "reference": "PC.DEL/12/27" })),
        (
            "ReferenceInput",
            json!({ "reference": "PC.DEL/12/27", "revision": 0 }),
        ),
        (
            "SectionInput",
            json!({
                "language": "de", "text": "Das IT-Sicherheitsgesetz 2.0 …",
                "english": "The IT Security Act 2.0 …",
            }),
        ),
        (
            "InquiryInput",
            json!({ "section": "legislation", "text": "Does the Act cover municipalities?" }),
        ),
        ("PostInput", json!({ "text": "It does, from 2026." })),
        ("VisibilityInput", json!({ "public": true })),
        (
            "RequestInput",
            json!({
                "to": ["EST"], "kind": "incident-notification", "urgency": "priority",
                "level": "technical", "tlp": "AMBER", "language": "en",
                "message": "-----BEGIN PGP MESSAGE-----\n…\n-----END PGP MESSAGE-----",
            }),
        ),
        (
            "ReplyInput",
            json!({ "message": "-----BEGIN PGP MESSAGE-----\n…\n-----END PGP MESSAGE-----" }),
        ),
        ("EscalateInput", json!({ "states": ["ITA"] })),
        ("FeedbackInput", json!({ "useful": true })),
        (
            "VerificationInput",
            json!({ "tree_size": 142, "root_hash": "9f2c…" }),
        ),
    ]
}

/// Bounds the request bodies' fields from the rules that check them; the fields it did not find
/// (a test keeps this empty).
fn bound_schemas(document: &mut Value) -> Vec<String> {
    use liaison_core::account::{
        MAX_DISPLAY_NAME, MAX_PASSWORD_LEN, MIN_PASSWORD_LEN, USERNAME_LEN, USERNAME_PUNCTUATION,
    };
    use liaison_core::checks::launch::{MAX_MESSAGE_CHARS, MAX_WINDOW_HOURS};
    let years = liaison_core::exchange::YEARS;
    let password = json!({ "minLength": MIN_PASSWORD_LEN, "maxLength": MAX_PASSWORD_LEN });
    let username = json!({
        "minLength": *USERNAME_LEN.start(),
        "maxLength": *USERNAME_LEN.end(),
        "pattern": format!("^[a-z0-9{}]+$", regex_escaped(USERNAME_PUNCTUATION)),
    });
    let display_name = json!({ "minLength": 1, "maxLength": MAX_DISPLAY_NAME });
    let email = json!({ "format": "email" });
    let locales: Vec<&str> = crate::i18n::LANGUAGES
        .iter()
        .map(|(code, _)| *code)
        .collect();
    let locales = json!({ "enum": locales });
    let languages = json!({ "enum": liaison_types::exchange::OFFICIAL_LANGUAGES });
    let bounds = [
        ("NewAccountBody", "username", username),
        ("NewAccountBody", "password", password.clone()),
        ("NewAccountBody", "display_name", display_name.clone()),
        ("NewAccountBody", "email", email.clone()),
        ("NewAccountBody", "locale", locales),
        ("AccountPatch", "display_name", display_name),
        ("AccountPatch", "email", email),
        ("PasswordReset", "password", password.clone()),
        ("PasswordChange", "new_password", password),
        ("SectionInput", "language", languages.clone()),
        ("Term", "language", languages.clone()),
        ("RequestInput", "language", languages),
        (
            "CheckInput",
            "window_hours",
            json!({ "minimum": 1, "maximum": MAX_WINDOW_HOURS }),
        ),
        (
            "CheckInput",
            "spread_hours",
            json!({ "maximum": MAX_WINDOW_HOURS / 2 }),
        ),
        (
            "CheckInput",
            "message",
            json!({ "minLength": 1, "maxLength": MAX_MESSAGE_CHARS }),
        ),
        (
            "CycleInput",
            "year",
            json!({ "minimum": *years.start(), "maximum": *years.end() }),
        ),
    ];
    let mut missing = Vec::new();
    for (schema, property, bound) in bounds {
        let target = schema_mut(document, schema)
            .and_then(|s| s.get_mut("properties"))
            .and_then(|p| p.get_mut(property))
            .and_then(Value::as_object_mut);
        match (target, bound) {
            (Some(target), Value::Object(bound)) => target.extend(bound),
            _ => missing.push(format!("{schema}.{property}")),
        }
    }
    missing
}

fn finish_operation(path: &str, method: &str, operation: &mut Map<String, Value>) {
    if operation.get("operationId").and_then(Value::as_str) == Some("get_attachment") {
        // A file is served as the type it was uploaded as, among those the rules serve.
        let binary = json!({ "schema": { "type": "string", "contentMediaType": "application/octet-stream" } });
        let content: Map<String, Value> = liaison_core::exchange::SERVED_TYPES
            .into_iter()
            .chain(["application/octet-stream"])
            .map(|t| (t.to_owned(), binary.clone()))
            .collect();
        if let Some(ok) = operation
            .get_mut("responses")
            .and_then(|r| r.get_mut("200"))
            .and_then(Value::as_object_mut)
        {
            ok.insert("content".into(), Value::Object(content));
        }
    }
    // The document's own security is the bearer token; `[{}]` marks an anonymous operation.
    let signed_in = match operation.get("security").and_then(Value::as_array) {
        None => true,
        Some(requirements) => !requirements
            .iter()
            .any(|r| r.as_object().is_some_and(Map::is_empty)),
    };
    let has_body = operation.contains_key("requestBody");
    if let Some(parameters) = operation
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
    {
        for parameter in parameters.iter_mut() {
            bound(path, parameter);
        }
    }
    let parameters: Vec<&str> = operation
        .get("parameters")
        .and_then(Value::as_array)
        .map(|p| p.iter().filter_map(|p| p["name"].as_str()).collect())
        .unwrap_or_default();
    let has_parameters = !parameters.is_empty();
    // A page's size outside its bounds is a rule's refusal (422), like a body's.
    let has_ruled_parameters = parameters.iter().any(|p| matches!(*p, "limit" | "count"));
    let responses = operation
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut();
    let Some(responses) = responses else {
        return;
    };
    let has_path_parameters = path.contains('{');
    let mut common = vec![];
    if has_body || has_parameters {
        common.push("400");
    }
    if signed_in {
        // Every route asks the access rules: a role or a State may be refused.
        common.extend(["401", "403"]);
    }
    if has_path_parameters {
        common.push("404");
    }
    if has_body {
        common.extend(["413", "422"]);
    } else if has_ruled_parameters {
        common.push("422");
    }
    if limited(path, method) {
        common.push("429");
    }
    for status in common {
        responses.entry(status).or_insert_with(
            || json!({ "content": { "application/json": { "schema": { "$ref": PROBLEM } } } }),
        );
    }
    for (status, response) in responses.iter_mut() {
        let Some(response) = response.as_object_mut() else {
            continue;
        };
        response
            .entry("description")
            .or_insert_with(|| Value::from(reason(status)));
        if status.starts_with('4') || status.starts_with('5') {
            as_problem(status, response);
        }
    }
}

/// The operations a limiter guards (sign-in, and the writes a State can flood).
fn limited(path: &str, method: &str) -> bool {
    method == "post"
        && (path == "/api/v1/auth/login"
            || path.ends_with("/inquiries")
            || path.ends_with("/posts")
            || path == "/api/v1/requests"
            || path.ends_with("/messages"))
}

/// A refusal's body is a problem, sent as `application/problem+json`, whose `type` is one of
/// those the server gives with this status (`AppError::kinds`).
fn as_problem(status: &str, response: &mut Map<String, Value>) {
    let kinds: Vec<String> = crate::error::AppError::kinds()
        .into_iter()
        .filter(|(code, _)| code.to_string() == status)
        .map(|(_, kind)| kind)
        .collect();
    let schema = if kinds.is_empty() {
        json!({ "$ref": PROBLEM })
    } else {
        json!({ "allOf": [
            { "$ref": PROBLEM },
            { "type": "object", "properties": { "type": { "enum": kinds } } },
        ] })
    };
    response.insert(
        "content".into(),
        json!({ "application/problem+json": { "schema": schema } }),
    );
}

/// `text` with the characters a regular expression's class gives a meaning escaped.
fn regex_escaped(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '-' | ']' | '\\' | '^' => vec!['\\', c],
            _ => vec![c],
        })
        .collect()
}

/// Bounds a parameter of the operation at `path` from the rules that check it.
fn bound(path: &str, parameter: &mut Value) {
    let name = parameter
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let Some(schema) = parameter.get_mut("schema").and_then(Value::as_object_mut) else {
        return;
    };
    let years = liaison_core::exchange::YEARS;
    let keys = path == "/api/v1/requests/keys";
    match name.as_str() {
        "year" => {
            schema.insert("minimum".into(), Value::from(*years.start()));
            schema.insert("maximum".into(), Value::from(*years.end()));
        }
        "id" | "message_id" => {
            schema.insert("minimum".into(), Value::from(1));
        }
        "limit" => {
            schema.insert("minimum".into(), Value::from(1));
            schema.insert("maximum".into(), Value::from(crate::ops::MAX_PAGE));
        }
        "count" if path == "/api/v1/transparency/leaves" => {
            schema.insert("minimum".into(), Value::from(1));
            schema.insert(
                "maximum".into(),
                Value::from(crate::ops::transparency::MAX_LEAVES),
            );
        }
        // A page's `next_cursor`, given back: a row id, as text.
        "cursor" => {
            schema.insert("pattern".into(), Value::from("^[0-9]{1,18}$"));
        }
        "level" if keys => {
            schema.clear();
            schema.insert("$ref".into(), Value::from("#/components/schemas/Level"));
        }
        // Recipient States: codes separated by commas or spaces.
        "to" if keys => {
            schema.insert(
                "pattern".into(),
                Value::from("^[A-Za-z]{3}([, ]+[A-Za-z]{3})*$"),
            );
        }
        _ => {}
    }
}

/// The reason phrase of a status (RFC 9110), the description of a response that says no more.
fn reason(status: &str) -> String {
    status
        .parse::<u16>()
        .ok()
        .and_then(|s| axum::http::StatusCode::from_u16(s).ok())
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Response")
        .to_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn references(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    match (key.as_str(), value) {
                        ("$ref", Value::String(target)) => out.push(target.clone()),
                        _ => references(value, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| references(v, out)),
            _ => {}
        }
    }

    fn document() -> Value {
        crate::api::document(&crate::config::Config::default())
    }

    #[test]
    fn every_reference_of_the_document_resolves() {
        let document = document();
        let schemas = document["components"]["schemas"].as_object().unwrap();
        let mut found = Vec::new();
        references(&document, &mut found);
        assert!(!found.is_empty());
        let dangling: Vec<&String> = found
            .iter()
            .filter(|r| {
                r.strip_prefix("#/components/schemas/")
                    .is_none_or(|name| !schemas.contains_key(name))
            })
            .collect();
        assert!(dangling.is_empty(), "dangling references: {dangling:?}");
    }

    #[test]
    fn every_operation_has_an_id_a_summary_a_tag_and_described_responses() {
        let document = document();
        let mut ids = std::collections::BTreeSet::new();
        for (path, item) in document["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                let here = format!("{method} {path}");
                let id = operation["operationId"].as_str().unwrap_or_default();
                assert!(!id.is_empty(), "{here}: no operationId");
                assert!(ids.insert(id.to_owned()), "{here}: operationId {id} twice");
                assert!(operation["summary"].is_string(), "{here}: no summary");
                assert!(
                    operation["tags"].as_array().is_some_and(|t| !t.is_empty()),
                    "{here}: no tag"
                );
                for (status, response) in operation["responses"].as_object().unwrap() {
                    assert!(
                        response["description"].is_string(),
                        "{here} {status}: no description"
                    );
                    if status.starts_with('4') {
                        let kinds = &response["content"]["application/problem+json"]["schema"]["allOf"]
                            [1]["properties"]["type"]["enum"];
                        assert!(
                            kinds.as_array().is_some_and(|k| !k.is_empty()),
                            "{here} {status}: not a problem with its types"
                        );
                    }
                }
                if operation.get("requestBody").is_some() {
                    assert!(operation["responses"]["422"].is_object(), "{here}: no 422");
                }
            }
        }
    }

    #[test]
    fn every_json_body_has_an_example_that_reads_as_its_type() {
        use liaison_types::{account, channel, checks, directory, exchange, transparency};
        fn reads<T: serde::de::DeserializeOwned>(example: &Value) -> Result<(), String> {
            serde_json::from_value::<T>(example.clone())
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
        let document = document();
        for (schema, example) in examples() {
            let read = match schema {
                "LoginRequest" => reads::<account::LoginRequest>(&example),
                "NewAccountBody" => reads::<crate::api::account::NewAccountBody>(&example),
                "AccountPatch" => reads::<account::AccountPatch>(&example),
                "PasswordReset" => reads::<account::PasswordReset>(&example),
                "PasswordChange" => reads::<account::PasswordChange>(&example),
                "ContactInput" => reads::<directory::ContactInput>(&example),
                "EffectiveOn" => reads::<directory::EffectiveOn>(&example),
                "KeyUpload" => reads::<directory::KeyUpload>(&example),
                "CheckInput" => reads::<checks::CheckInput>(&example),
                "TokenAnswer" => reads::<checks::TokenAnswer>(&example),
                "SignedAnswer" => reads::<checks::SignedAnswer>(&example),
                "CycleInput" => reads::<exchange::CycleInput>(&example),
                "CirculationInput" => reads::<exchange::CirculationInput>(&example),
                "ReferenceInput" => reads::<exchange::ReferenceInput>(&example),
                "SectionInput" => reads::<exchange::SectionInput>(&example),
                "InquiryInput" => reads::<exchange::InquiryInput>(&example),
                "PostInput" => reads::<exchange::PostInput>(&example),
                "VisibilityInput" => reads::<exchange::VisibilityInput>(&example),
                "RequestInput" => reads::<channel::RequestInput>(&example),
                "ReplyInput" => reads::<channel::ReplyInput>(&example),
                "EscalateInput" => reads::<channel::EscalateInput>(&example),
                "FeedbackInput" => reads::<channel::FeedbackInput>(&example),
                "VerificationInput" => reads::<transparency::VerificationInput>(&example),
                other => Err(format!("no type named for {other}")),
            };
            assert_eq!(read, Ok(()), "{schema}: {example}");
        }
        // Every JSON body of the document names a schema with an example.
        for (path, item) in document["paths"].as_object().unwrap() {
            for (method, operation) in item.as_object().unwrap() {
                let Some(body) =
                    operation["requestBody"]["content"]["application/json"].get("schema")
                else {
                    continue;
                };
                let schemas: Vec<&str> = match body["$ref"].as_str() {
                    Some(r) => vec![r],
                    None => body["oneOf"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|s| s["$ref"].as_str())
                        .collect(),
                };
                assert!(
                    !schemas.is_empty(),
                    "{method} {path}: a JSON body without a schema"
                );
                for name in schemas {
                    let name = name.trim_start_matches("#/components/schemas/");
                    assert!(
                        document["components"]["schemas"][name]["examples"][0].is_object(),
                        "{method} {path}: {name} has no example"
                    );
                }
            }
        }
    }

    #[test]
    fn every_bound_finds_its_field() {
        let mut document = document();
        assert_eq!(bound_schemas(&mut document), Vec::<String>::new());
        let username =
            &document["components"]["schemas"]["NewAccountBody"]["properties"]["username"];
        assert_eq!(username["pattern"], "^[a-z0-9._\\-]+$");
    }

    #[test]
    fn parameters_are_bounded_by_the_rules() {
        let document = document();
        let years = liaison_core::exchange::YEARS;
        let cycle = &document["paths"]["/api/v1/exchange/cycles/{year}"]["get"]["parameters"][0];
        assert_eq!(cycle["name"], "year");
        assert_eq!(cycle["in"], "path");
        assert_eq!(cycle["schema"]["minimum"], *years.start());
        assert_eq!(cycle["schema"]["maximum"], *years.end());
        let state = &document["paths"]["/api/v1/states/{code}"]["get"]["parameters"][0];
        assert_eq!(state["schema"]["$ref"], "#/components/schemas/StateCode");
        assert_eq!(
            document["components"]["schemas"]["StateCode"]["pattern"],
            "^[A-Z]{3}$"
        );
        // Query parameters are in the query.
        let audit = &document["paths"]["/api/v1/audit"]["get"]["parameters"];
        assert!(
            audit
                .as_array()
                .unwrap()
                .iter()
                .all(|p| p["in"] == "query" && p["required"] != true),
            "{audit}"
        );
    }
}
