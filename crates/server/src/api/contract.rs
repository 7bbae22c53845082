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
    flatten_contact_kind(&mut document);
    add_nomination(&mut document);
    page_items_by_reference(&mut document);
    for (schema, example) in examples() {
        if let Some(target) = schema_mut(&mut document, schema) {
            target.insert("examples".into(), json!([example]));
        }
    }
    document
}

/// The component schemas.
fn schemas_mut(document: &mut Value) -> Option<&mut Map<String, Value>> {
    document
        .get_mut("components")?
        .get_mut("schemas")?
        .as_object_mut()
}

/// The component schema named `name`.
fn schema_mut<'a>(document: &'a mut Value, name: &str) -> Option<&'a mut Map<String, Value>> {
    schemas_mut(document)?.get_mut(name)?.as_object_mut()
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

/// A contact's kind as one object: `kind`, with `level` for a point of contact or `structure`
/// for a national structure, the pairing stated as a condition. The derived `oneOf` says the
/// same, but a contact flattens it into an `allOf`, and client generators cannot merge a `oneOf`
/// into an object (they dropped `Contact` and every type holding one).
fn flatten_contact_kind(document: &mut Value) {
    let Some(target) = schema_mut(document, "ContactKind") else {
        return;
    };
    let flat = json!({
        "type": "object",
        "description": "Whether an entry of the directory is a point of contact at a level \
            (`kind: poc` with `level`) or a national structure (`kind: structure` with `structure`).",
        "properties": {
            "kind": { "type": "string", "enum": ["poc", "structure"] },
            "level": {
                "$ref": "#/components/schemas/Level",
                "description": "The point of contact's level (with `kind: poc`).",
            },
            "structure": {
                "$ref": "#/components/schemas/StructureKind",
                "description": "The national structure's kind (with `kind: structure`).",
            },
        },
        "required": ["kind"],
        "if": { "properties": { "kind": { "const": "poc" } } },
        "then": { "required": ["level"] },
        "else": { "required": ["structure"] },
    });
    if let Value::Object(flat) = flat {
        *target = flat;
    }
}

/// A page's items as a reference to their named schema (`Page_AuditEntry.items` are
/// `AuditEntry`s), not a copy of it under another name: a generator makes one model of each.
fn page_items_by_reference(document: &mut Value) {
    let Some(schemas) = schemas_mut(document) else {
        return;
    };
    let pages: Vec<(String, String)> = schemas
        .keys()
        .filter_map(|name| {
            let item = name.strip_prefix("Page_")?;
            schemas
                .contains_key(item)
                .then(|| (name.clone(), item.to_owned()))
        })
        .collect();
    for (page, item) in pages {
        if let Some(items) = schemas
            .get_mut(&page)
            .and_then(|p| p.get_mut("properties"))
            .and_then(|p| p.get_mut("items"))
            .and_then(Value::as_object_mut)
        {
            items.insert(
                "items".into(),
                json!({ "$ref": format!("#/components/schemas/{item}") }),
            );
        }
    }
}

/// The UN nomination file's JSON Schema (`docs/un-nomination.schema.json`, the one the export
/// is tested against) as the component `Nomination`, its `$defs` as `Nomination…` components.
fn add_nomination(document: &mut Value) {
    fn component(name: &str) -> String {
        let mut chars = name.split('_').flat_map(|part| {
            let mut part = part.chars();
            part.next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(part)
        });
        let camel: String = chars.by_ref().collect();
        format!("Nomination{camel}")
    }
    fn rewrite(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    match (key.as_str(), value) {
                        ("$ref", Value::String(target)) => {
                            if let Some(name) = target.strip_prefix("#/$defs/") {
                                *target = format!("#/components/schemas/{}", component(name));
                            }
                        }
                        (_, value) => rewrite(value),
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(rewrite),
            _ => {}
        }
    }
    let Ok(Value::Object(mut schema)) =
        serde_json::from_str::<Value>(liaison_core::directory::nomination::JSON_SCHEMA)
    else {
        return;
    };
    schema.remove("$schema");
    schema.remove("$id");
    // A generator names the class after the title; the component's name is `Nomination`.
    schema.remove("title");
    let defs = schema.remove("$defs");
    let Some(schemas) = schemas_mut(document) else {
        return;
    };
    if let Some(Value::Object(defs)) = defs {
        for (name, mut def) in defs {
            rewrite(&mut def);
            schemas.insert(component(&name), def);
        }
    }
    let mut schema = Value::Object(schema);
    rewrite(&mut schema);
    schemas.insert("Nomination".into(), schema);
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
    // A contact's details, as `core::directory::validate_details` checks them (text is
    // trimmed first; email and languages are read in either case).
    use liaison_core::directory::{MAX_FIELD_CHARS, MAX_NOTES_CHARS};
    let text = json!({ "maxLength": MAX_FIELD_CHARS });
    let details = [
        ("name", json!({ "minLength": 1, "maxLength": MAX_FIELD_CHARS })),
        ("function", text.clone()),
        ("organisation", json!({ "minLength": 1, "maxLength": MAX_FIELD_CHARS })),
        ("email", json!({ "format": "email", "maxLength": MAX_FIELD_CHARS })),
        ("phone", json!({
            "maxLength": MAX_FIELD_CHARS,
            "pattern": "^(\\s*\\+[0-9 ()/-]+\\s*)?$",
            "description": "International form, `+` then 7 to 17 digits (spaces, `-`, `/` and parentheses allowed); empty when none.",
        })),
        ("time_zone", json!({
            "maxLength": MAX_FIELD_CHARS,
            "description": "IANA time zone name (tz database), e.g. `Europe/Berlin`; empty when not given.",
            "examples": ["Europe/Berlin"],
        })),
        ("languages", json!({
            "description": "ISO 639-1 codes of the languages the contact works in (`de`, `en`).",
            "items": { "type": "string", "pattern": "^\\s*[A-Za-z]{2}\\s*$" },
        })),
        ("website", json!({
            "maxLength": MAX_FIELD_CHARS,
            "pattern": "^\\s*([hH][tT][tT][pP][sS]?://\\S+)?\\s*$",
            "description": "An `https://` (or `http://`) address; empty when none.",
        })),
        ("notes", json!({ "maxLength": MAX_NOTES_CHARS })),
    ]
    .map(|(property, bound)| ("ContactDetails", property, bound));
    let mut missing = Vec::new();
    for (schema, property, bound) in bounds.into_iter().chain(details) {
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

/// What the derived document cannot say of one operation's bodies: the files a download or a
/// reply carries (an attachment, a message), the nomination's schema.
fn finish_bodies(operation: &mut Map<String, Value>) {
    let file = |media: &str| json!({ "type": "string", "contentMediaType": media });
    let id = operation
        .get("operationId")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let ok = operation
        .get_mut("responses")
        .and_then(|r| r.get_mut("200"))
        .and_then(Value::as_object_mut);
    match (id.as_str(), ok) {
        // A file is served as the type it was uploaded as, among those the rules serve.
        ("get_attachment", Some(ok)) => {
            let binary = json!({ "schema": file("application/octet-stream") });
            let content: Map<String, Value> = liaison_core::exchange::SERVED_TYPES
                .into_iter()
                .chain(["application/octet-stream"])
                .map(|t| (t.to_owned(), binary.clone()))
                .collect();
            ok.insert("content".into(), Value::Object(content));
        }
        ("download_message", Some(ok)) => {
            ok.insert(
                "content".into(),
                json!({
                    "application/pgp-encrypted": { "schema": file("application/pgp-encrypted") },
                    "application/octet-stream": { "schema": file("application/octet-stream") },
                }),
            );
        }
        ("state_nomination", Some(ok)) => {
            ok.insert(
                "content".into(),
                json!({ "application/json": { "schema": { "$ref": "#/components/schemas/Nomination" } } }),
            );
        }
        _ => {}
    }
    if id == "reply_to_request"
        && let Some(content) = operation
            .get_mut("requestBody")
            .and_then(|b| b.get_mut("content"))
            .and_then(Value::as_object_mut)
    {
        content.insert(
            "multipart/form-data".into(),
            json!({ "schema": {
                "type": "object",
                "required": ["message"],
                "properties": { "message": file("application/pgp-encrypted") },
            } }),
        );
    }
    // A file is a string of bytes of its media type, not an array of numbers.
    let mut bodies = Vec::new();
    for (key, value) in operation.iter_mut() {
        match (key.as_str(), value) {
            ("requestBody", body) => bodies.push(body),
            ("responses", Value::Object(responses)) => bodies.extend(responses.values_mut()),
            _ => {}
        }
    }
    for body in bodies {
        let Some(content) = body.get_mut("content").and_then(Value::as_object_mut) else {
            continue;
        };
        for (media, item) in content.iter_mut() {
            let numbers =
                item["schema"]["type"] == "array" && item["schema"]["items"]["type"] == "integer";
            if numbers && !media.contains("json") {
                item["schema"] = file(media);
            }
        }
    }
}

fn finish_operation(path: &str, method: &str, operation: &mut Map<String, Value>) {
    finish_bodies(operation);
    // The document's own security is the bearer token; `[{}]` marks an anonymous operation.
    // Each operation then says its own: the bearer token, or none (`[]`); a generator reads an
    // operation's list, not the document's, to tell which client an operation takes.
    let signed_in = match operation.get("security").and_then(Value::as_array) {
        None => true,
        Some(requirements) => !requirements
            .iter()
            .any(|r| r.as_object().is_some_and(Map::is_empty)),
    };
    operation.insert(
        "security".into(),
        if signed_in {
            json!([{ "bearer": [] }])
        } else {
            json!([])
        },
    );
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
    // Any operation may find the database busy with other writes past its wait.
    common.push("503");
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
            let imports = path.ends_with("/import") || path.ends_with("/terms");
            as_problem(status, imports, response);
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

/// A refusal's body is a problem, sent as `application/problem+json`, of the one `Problem`
/// schema (a generated client has one error type); the `type`s the server gives with this
/// status (`AppError::kinds`) are listed in the description, not as an enumeration, because the
/// set may grow within v1.
fn as_problem(status: &str, imports: bool, response: &mut Map<String, Value>) {
    let mut kinds: Vec<String> = crate::error::AppError::kinds()
        .into_iter()
        .filter(|(code, _)| code.to_string() == status)
        // Line-numbered problems come only from the operations that import a file.
        .filter(|(_, kind)| imports || kind != "/problems/import")
        .map(|(_, kind)| format!("`{kind}`"))
        .collect();
    kinds.sort();
    kinds.dedup();
    if !kinds.is_empty() {
        let said = response
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_owned();
        response.insert(
            "description".into(),
            Value::from(format!(
                "{said}. The problem's `type` is one of {} (more may be added).",
                kinds.join(", ")
            )),
        );
    }
    response.insert(
        "content".into(),
        json!({ "application/problem+json": { "schema": { "$ref": PROBLEM } } }),
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
        // A submission's revisions count from 0 (the document as first circulated).
        "revision" | "from" | "to" if path.contains("/submissions/") => {
            schema.insert("minimum".into(), Value::from(0));
        }
        "format" if path.contains("/messages/") => {
            schema.insert("enum".into(), json!(["armored", "binary"]));
        }
        // A State's code in a path is read whatever its case (`deu` is `DEU`).
        "code" => {
            schema.clear();
            schema.insert("type".into(), Value::from("string"));
            schema.insert("pattern".into(), Value::from("^[A-Za-z]{3}$"));
            schema.insert(
                "description".into(),
                Value::from("ISO 3166-1 alpha-3 code of a participating State, in either case"),
            );
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
                        assert_eq!(
                            response["content"]["application/problem+json"]["schema"]["$ref"],
                            PROBLEM,
                            "{here} {status}: not a problem"
                        );
                        assert!(
                            response["description"]
                                .as_str()
                                .is_some_and(|d| d.contains("`/problems/")),
                            "{here} {status}: the problem's types are not said"
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
        // In a path, a code is read in either case (`api::state_code`); in a body it is upper.
        assert_eq!(state["schema"]["pattern"], "^[A-Za-z]{3}$");
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

    /// What a client generator needs: no part of an `allOf` that is not an object (a `oneOf`
    /// there made generators drop `Contact`), no file described as an array of numbers, the
    /// nomination and the message download typed.
    #[test]
    fn generators_can_read_every_schema_and_file() {
        let document = document();
        let schemas = document["components"]["schemas"].as_object().unwrap();
        for (name, schema) in schemas {
            for part in schema["allOf"].as_array().into_iter().flatten() {
                let part = match part["$ref"].as_str() {
                    Some(target) => &schemas[target.trim_start_matches("#/components/schemas/")],
                    None => part,
                };
                assert_eq!(
                    part["type"], "object",
                    "{name}: an allOf part is not an object: {part}"
                );
            }
        }
        fn files(value: &Value, here: &str) {
            match value {
                Value::Object(map) => {
                    if let Some(Value::Object(content)) = map.get("content") {
                        for (media, item) in content {
                            assert!(
                                media.contains("json") || item["schema"]["type"] != "array",
                                "{here} {media}: a file as an array"
                            );
                        }
                    }
                    for (key, value) in map {
                        files(value, &format!("{here}/{key}"));
                    }
                }
                Value::Array(items) => items.iter().for_each(|v| files(v, here)),
                _ => {}
            }
        }
        files(&document["paths"], "");
        let nomination = &document["paths"]["/api/v1/states/{code}/nomination"]["get"]["responses"]
            ["200"]["content"]["application/json"]["schema"]["$ref"];
        assert_eq!(nomination, "#/components/schemas/Nomination");
        assert!(schemas["NominationPoc"]["properties"].is_object());
        let download = &document["paths"]["/api/v1/requests/{id}/messages/{message_id}"]["get"];
        assert!(download["responses"]["200"]["content"]["application/octet-stream"].is_object());
        let format = download["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "format")
            .unwrap();
        assert_eq!(format["schema"]["enum"], json!(["armored", "binary"]));
        let reply =
            &document["paths"]["/api/v1/requests/{id}/messages"]["post"]["requestBody"]["content"];
        assert_eq!(
            reply["multipart/form-data"]["schema"]["required"],
            json!(["message"])
        );
    }
}
