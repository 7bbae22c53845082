//! Demo data for `liaison demo`: the States, accounts for every role, and a directory that shows
//! every state a real one goes through (current, due soon, overdue, a change notified late, a
//! State without a technical point of contact). Built through the same operations as real use,
//! with the clock set back where the story needs the past.

use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::ops::{self, Ctx};
use liaison_core::access::Actor;
use liaison_core::clock::{Clock, FixedClock};
use liaison_store::Store;
use liaison_types::account::Role;
use liaison_types::directory::{ContactDetails, ContactInput, ContactKind, Level, StructureKind};
use liaison_types::state::StateCode;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "liaison-demo-2026";

/// A demo login to print.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub username: String,
    pub role: String,
}

/// Puts the 57 participating States and 11 Partners in the database (idempotent).
pub async fn seed_states(store: &Store) -> AppResult<()> {
    let states = liaison_core::reference::states().map_err(AppError::Internal)?;
    let mut tx = store.begin().await?;
    liaison_store::state::upsert(&mut tx, &states).await?;
    liaison_store::commit(tx).await?;
    Ok(())
}

/// Whether the database has no accounts yet.
pub async fn is_empty(store: &Store) -> AppResult<bool> {
    let mut tx = store.read().await?;
    Ok(liaison_store::account::list(&mut tx).await?.is_empty())
}

fn ctx_at(store: &Store, config: &Arc<Config>, at: OffsetDateTime) -> Ctx {
    Ctx {
        store: store.clone(),
        clock: Arc::new(FixedClock(at)),
        request_id: "demo".into(),
        config: config.clone(),
    }
}

struct Person<'a> {
    name: &'a str,
    function: &'a str,
    organisation: &'a str,
    email: &'a str,
    phone: &'a str,
    tz: &'a str,
    languages: &'a [&'a str],
}

fn input(kind: ContactKind, p: &Person<'_>, effective_on: time::Date) -> ContactInput {
    ContactInput {
        kind,
        details: ContactDetails {
            name: p.name.into(),
            function: p.function.into(),
            organisation: p.organisation.into(),
            email: p.email.into(),
            phone: p.phone.into(),
            available_24_7: matches!(
                kind,
                ContactKind::Poc {
                    level: Level::Technical
                } | ContactKind::Structure { .. }
            ),
            time_zone: p.tz.into(),
            languages: p.languages.iter().map(|l| (*l).to_owned()).collect(),
            deputy: false,
            website: String::new(),
            notes: String::new(),
        },
        effective_on,
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

/// Seeds the demo: accounts (all with [`DEMO_PASSWORD`], TOTP off) and a directory story.
/// Returns the logins to print.
pub async fn seed(
    store: &Store,
    config: &Arc<Config>,
    clock: &dyn Clock,
) -> AppResult<Vec<DemoLogin>> {
    seed_states(store).await?;
    let now = clock.now();
    let ctx = ctx_at(store, config, now);
    let mut logins = Vec::new();
    let mut account = |username: &str, display: &str, role: Role, state: Option<&str>| {
        logins.push(DemoLogin {
            username: username.into(),
            role: format!(
                "{}{}",
                role.as_str(),
                state.map(|s| format!(" ({s})")).unwrap_or_default()
            ),
        });
        ops::account::AccountRequest {
            username: username.into(),
            display_name: display.into(),
            email: format!("{username}@demo.liaison.example"),
            password: DEMO_PASSWORD.into(),
            role,
            state: state.and_then(|s| StateCode::parse(s).ok()),
            contact_id: None,
            locale: "en".into(),
        }
    };
    let mut requests = vec![
        account(
            "manager",
            "OSCE Secretariat (network manager)",
            Role::Manager,
            None,
        ),
        account("observer", "UN liaison (observer)", Role::Observer, None),
        account("auditor", "Independent auditor", Role::Auditor, None),
    ];
    for (code, name) in [
        ("DEU", "Germany"),
        ("FRA", "France"),
        ("AUT", "Austria"),
        ("EST", "Estonia"),
        ("ITA", "Italy"),
    ] {
        let lower = code.to_lowercase();
        requests.push(account(
            &format!("{lower}.coordinator"),
            &format!("National coordinator, {name}"),
            Role::Coordinator,
            Some(code),
        ));
        requests.push(account(
            &format!("{lower}.policy"),
            &format!("Policy-level PoC, {name}"),
            Role::Poc,
            Some(code),
        ));
        requests.push(account(
            &format!("{lower}.technical"),
            &format!("Technical-level PoC, {name}"),
            Role::Poc,
            Some(code),
        ));
    }
    for request in requests {
        ops::account::create_account(&ctx, None, request).await?;
    }

    let coordinator = |code: &str| -> AppResult<Actor> {
        Ok(Actor {
            account_id: 0,
            username: format!("{}.coordinator", code.to_lowercase()),
            role: Role::Coordinator,
            state: Some(StateCode::parse(code).map_err(AppError::Internal)?),
            state_participating: true,
        })
    };
    let days_ago = |days: i64| now - Duration::days(days);
    let code = |c: &str| StateCode::parse(c).map_err(AppError::Internal);

    // Germany: complete, current, with a registered key and a national CERT.
    let deu = coordinator("DEU")?;
    let at = ctx_at(store, config, days_ago(120));
    let p = Person {
        name: "Dr. Anna Weber",
        function: "Head of Cyber Foreign Policy",
        organisation: "Federal Foreign Office",
        email: "cyber-policy@demo-de.example",
        phone: "+49 30 1817 0",
        tz: "Europe/Berlin",
        languages: &["de", "en"],
    };
    ops::directory::create_contact(
        &at,
        &deu,
        &code("DEU")?,
        &input(POLICY, &p, at.clock.today()),
    )
    .await?;
    let p = Person {
        name: "CERT-Bund duty officer",
        function: "24/7 operations",
        organisation: "Federal Office for Information Security (BSI)",
        email: "cert@demo-de.example",
        phone: "+49 228 99 9582 5110",
        tz: "Europe/Berlin",
        languages: &["de", "en"],
    };
    let technical = ops::directory::create_contact(
        &at,
        &deu,
        &code("DEU")?,
        &input(TECHNICAL, &p, at.clock.today()),
    )
    .await?;
    let p = Person {
        name: "CERT-Bund",
        function: "",
        organisation: "BSI",
        email: "certbund@demo-de.example",
        phone: "+49 228 99 9582 0",
        tz: "Europe/Berlin",
        languages: &["de", "en"],
    };
    ops::directory::create_contact(
        &at,
        &deu,
        &code("DEU")?,
        &input(CSIRT, &p, at.clock.today()),
    )
    .await?;
    ops::directory::register_key(
        &ctx,
        &deu,
        technical.id,
        include_bytes!("../demo/deu-technical.asc"),
        now.date(),
    )
    .await?;

    // France: the technical point of contact falls due within 30 days.
    let fra = coordinator("FRA")?;
    let at = ctx_at(store, config, days_ago(350));
    let p = Person {
        name: "Claire Martin",
        function: "Cyber diplomacy coordinator",
        organisation: "Ministry for Europe and Foreign Affairs",
        email: "cyber@demo-fr.example",
        phone: "+33 1 43 17 53 53",
        tz: "Europe/Paris",
        languages: &["fr", "en"],
    };
    ops::directory::create_contact(
        &at,
        &fra,
        &code("FRA")?,
        &input(POLICY, &p, at.clock.today()),
    )
    .await?;
    let p = Person {
        name: "CERT-FR permanence",
        function: "Incident response",
        organisation: "ANSSI",
        email: "cert-fr@demo-fr.example",
        phone: "+33 1 71 75 84 68",
        tz: "Europe/Paris",
        languages: &["fr", "en"],
    };
    ops::directory::create_contact(
        &at,
        &fra,
        &code("FRA")?,
        &input(TECHNICAL, &p, at.clock.today()),
    )
    .await?;

    // Austria: not confirmed for fourteen months, overdue.
    let aut = coordinator("AUT")?;
    let at = ctx_at(store, config, days_ago(425));
    let p = Person {
        name: "Markus Huber",
        function: "Cyber security policy",
        organisation: "Federal Ministry for European and International Affairs",
        email: "cyber@demo-at.example",
        phone: "+43 50 11 50 0",
        tz: "Europe/Vienna",
        languages: &["de", "en"],
    };
    ops::directory::create_contact(
        &at,
        &aut,
        &code("AUT")?,
        &input(POLICY, &p, at.clock.today()),
    )
    .await?;
    let p = Person {
        name: "GovCERT Austria",
        function: "Incident handling",
        organisation: "Federal Chancellery",
        email: "govcert@demo-at.example",
        phone: "+43 1 531 15 0",
        tz: "Europe/Vienna",
        languages: &["de", "en"],
    };
    ops::directory::create_contact(
        &at,
        &aut,
        &code("AUT")?,
        &input(TECHNICAL, &p, at.clock.today()),
    )
    .await?;

    // Estonia: a change of the technical contact notified 75 days after it happened.
    let est = coordinator("EST")?;
    let at = ctx_at(store, config, days_ago(200));
    let p = Person {
        name: "Kadri Tamm",
        function: "Ambassador-at-large for cyber diplomacy",
        organisation: "Ministry of Foreign Affairs",
        email: "cyber@demo-ee.example",
        phone: "+372 637 7000",
        tz: "Europe/Tallinn",
        languages: &["et", "en", "ru"],
    };
    ops::directory::create_contact(
        &at,
        &est,
        &code("EST")?,
        &input(POLICY, &p, at.clock.today()),
    )
    .await?;
    let p = Person {
        name: "CERT-EE",
        function: "Incident response",
        organisation: "Information System Authority (RIA)",
        email: "cert@demo-ee.example",
        phone: "+372 663 0299",
        tz: "Europe/Tallinn",
        languages: &["et", "en"],
    };
    let cert_ee = ops::directory::create_contact(
        &at,
        &est,
        &code("EST")?,
        &input(TECHNICAL, &p, at.clock.today()),
    )
    .await?;
    let late = ctx_at(store, config, days_ago(10));
    let mut changed = input(TECHNICAL, &p, late.clock.today() - Duration::days(75));
    changed.details.name = "CERT-EE duty officer".into();
    changed.details.phone = "+372 663 0200".into();
    ops::directory::update_contact(&late, &est, cert_ee.id, &changed).await?;

    // Italy: only a policy-level point of contact; no technical one.
    let ita = coordinator("ITA")?;
    let at = ctx_at(store, config, days_ago(60));
    let p = Person {
        name: "Giulia Rossi",
        function: "Cyber policy unit",
        organisation: "Ministry of Foreign Affairs and International Cooperation",
        email: "cyber@demo-it.example",
        phone: "+39 06 3691 1",
        tz: "Europe/Rome",
        languages: &["it", "en"],
    };
    ops::directory::create_contact(
        &at,
        &ita,
        &code("ITA")?,
        &input(POLICY, &p, at.clock.today()),
    )
    .await?;

    Ok(logins)
}
