//! Demo data for `liaison demo`: the States, accounts for every role, a directory that shows
//! every state a real one goes through (current, due soon, overdue, a change notified late, a
//! State without a technical point of contact) told by five States and invented for the other 52
//! (`network`), two past communication checks (`checks`), two channel threads (`channel`) and an
//! information exchange. Built through the same operations as real use, with the clock set back
//! where the story needs the past.

use crate::config::Config;
use crate::error::{AppError, AppResult};
use crate::ops::{self, Ctx};
use liaison_core::access::Actor;
use liaison_core::clock::{Clock, FixedClock};
use liaison_store::Store;
use liaison_types::account::Role;
use liaison_types::directory::{ContactDetails, ContactInput, ContactKind, Level, StructureKind};
use liaison_types::exchange::{CycleInput, InquiryInput, PostInput, Section, SectionInput};
use liaison_types::id::AccountId;
use liaison_types::state::StateCode;
use std::sync::Arc;
use time::{Duration, OffsetDateTime};

mod channel;
mod checks;
mod network;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "liaison-demo-2026";

/// The demo contacts' registered public keys: (State, contact email, armored key). Their secret
/// keys are in `crates/server/demo/keys/*.secret.asc`, protected by [`DEMO_PASSWORD`].
pub const DEMO_KEYS: [(&str, &str, &str); 5] = [
    (
        "DEU",
        "cyber-policy@demo-de.example",
        include_str!("../demo/keys/deu-policy.asc"),
    ),
    (
        "DEU",
        "cert@demo-de.example",
        include_str!("../demo/keys/deu-technical.asc"),
    ),
    (
        "EST",
        "cyber@demo-ee.example",
        include_str!("../demo/keys/est-policy.asc"),
    ),
    (
        "EST",
        "cert@demo-ee.example",
        include_str!("../demo/keys/est-technical.asc"),
    ),
    (
        "ITA",
        "cyber@demo-it.example",
        include_str!("../demo/keys/ita-policy.asc"),
    ),
];

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
    let permit = liaison_core::access::system::manage_accounts();
    Ok(liaison_store::account::list(&mut tx, &permit)
        .await?
        .is_empty())
}

/// The actor of the demo's network manager.
fn manager() -> Actor {
    Actor {
        account_id: AccountId(0),
        username: "manager".into(),
        role: Role::Manager,
        state: None,
        state_participating: false,
        contact: None,
    }
}

/// The actor of a demo State's national coordinator.
fn coordinator(code: &str) -> AppResult<Actor> {
    Ok(Actor {
        account_id: AccountId(0),
        username: format!("{}.coordinator", code.to_lowercase()),
        role: Role::Coordinator,
        state: Some(StateCode::parse(code).map_err(AppError::Internal)?),
        state_participating: true,
        contact: None,
    })
}

/// The actor of a demo account of a participating State, as it signs in.
async fn account_actor(store: &Store, username: &str) -> AppResult<Actor> {
    let mut tx = store.read().await?;
    let permit = liaison_core::access::system::sign_in();
    let account = liaison_store::account::by_username(&mut tx, &permit, username)
        .await?
        .ok_or_else(|| AppError::Internal(format!("demo account {username} missing")))?;
    Ok(Actor {
        account_id: account.id,
        username: account.username,
        role: account.role,
        state: account.state,
        state_participating: true,
        contact: account.contact_id,
    })
}

fn ctx_at(store: &Store, config: &Arc<Config>, at: OffsetDateTime) -> Ctx {
    Ctx {
        store: store.clone(),
        clock: Arc::new(FixedClock(at)),
        request_id: "demo".into(),
        config: config.clone(),
        random: Arc::new(liaison_core::random::SystemRandom),
        caches: Default::default(),
        lang: "en",
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
        version: None,
    }
}

/// One contact of the demo directory, created `days_ago` days before the demo starts.
struct Seed {
    state: &'static str,
    kind: ContactKind,
    days_ago: i64,
    person: Person<'static>,
}

const fn entry(
    state: &'static str,
    kind: ContactKind,
    days_ago: i64,
    person: Person<'static>,
) -> Seed {
    Seed {
        state,
        kind,
        days_ago,
        person,
    }
}

const fn person(
    name: &'static str,
    function: &'static str,
    organisation: &'static str,
    email: &'static str,
    phone: &'static str,
    tz: &'static str,
    languages: &'static [&'static str],
) -> Person<'static> {
    Person {
        name,
        function,
        organisation,
        email,
        phone,
        tz,
        languages,
    }
}

const DIRECTORY: &[Seed] = &[
    entry(
        "DEU",
        POLICY,
        120,
        person(
            "Dr. Anna Weber",
            "Head of Cyber Foreign Policy",
            "Federal Foreign Office",
            "cyber-policy@demo-de.example",
            "+49 30 1817 0",
            "Europe/Berlin",
            &["de", "en"],
        ),
    ),
    entry(
        "DEU",
        TECHNICAL,
        120,
        person(
            "CERT-Bund duty officer",
            "24/7 operations",
            "Federal Office for Information Security (BSI)",
            "cert@demo-de.example",
            "+49 228 99 9582 5110",
            "Europe/Berlin",
            &["de", "en"],
        ),
    ),
    entry(
        "DEU",
        CSIRT,
        120,
        person(
            "CERT-Bund",
            "",
            "BSI",
            "certbund@demo-de.example",
            "+49 228 99 9582 0",
            "Europe/Berlin",
            &["de", "en"],
        ),
    ),
    entry(
        "FRA",
        POLICY,
        350,
        person(
            "Claire Martin",
            "Cyber diplomacy coordinator",
            "Ministry for Europe and Foreign Affairs",
            "cyber@demo-fr.example",
            "+33 1 43 17 53 53",
            "Europe/Paris",
            &["fr", "en"],
        ),
    ),
    entry(
        "FRA",
        TECHNICAL,
        350,
        person(
            "CERT-FR permanence",
            "Incident response",
            "ANSSI",
            "cert-fr@demo-fr.example",
            "+33 1 71 75 84 68",
            "Europe/Paris",
            &["fr", "en"],
        ),
    ),
    entry(
        "AUT",
        POLICY,
        425,
        person(
            "Markus Huber",
            "Cyber security policy",
            "Federal Ministry for European and International Affairs",
            "cyber@demo-at.example",
            "+43 50 11 50 0",
            "Europe/Vienna",
            &["de", "en"],
        ),
    ),
    entry(
        "AUT",
        TECHNICAL,
        425,
        person(
            "GovCERT Austria",
            "Incident handling",
            "Federal Chancellery",
            "govcert@demo-at.example",
            "+43 1 531 15 0",
            "Europe/Vienna",
            &["de", "en"],
        ),
    ),
    entry(
        "EST",
        POLICY,
        200,
        person(
            "Kadri Tamm",
            "Ambassador-at-large for cyber diplomacy",
            "Ministry of Foreign Affairs",
            "cyber@demo-ee.example",
            "+372 637 7000",
            "Europe/Tallinn",
            &["et", "en", "ru"],
        ),
    ),
    entry(
        "EST",
        TECHNICAL,
        200,
        person(
            "CERT-EE",
            "Incident response",
            "Information System Authority (RIA)",
            "cert@demo-ee.example",
            "+372 663 0299",
            "Europe/Tallinn",
            &["et", "en"],
        ),
    ),
    entry(
        "ITA",
        POLICY,
        60,
        person(
            "Giulia Rossi",
            "Cyber policy unit",
            "Ministry of Foreign Affairs and International Cooperation",
            "cyber@demo-it.example",
            "+39 06 3691 1",
            "Europe/Rome",
            &["it", "en"],
        ),
    ),
];

const POLICY: ContactKind = ContactKind::Poc {
    level: Level::Policy,
};
const TECHNICAL: ContactKind = ContactKind::Poc {
    level: Level::Technical,
};
const CSIRT: ContactKind = ContactKind::Structure {
    structure: StructureKind::NationalCsirt,
};

/// Seeds the demo: accounts (all with [`DEMO_PASSWORD`], TOTP off), the directory, checks,
/// channel and exchange stories. Returns the logins to print.
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

    let days_ago = |days: i64| now - Duration::days(days);
    let code = |c: &str| StateCode::parse(c).map_err(AppError::Internal);

    // The directory story, told through the operations with the clock set back:
    // Germany complete and current, with a national CERT and (below) a registered key;
    // France confirmed 350 days ago, so both contacts fall due within 30 days;
    // Austria not confirmed for 425 days, overdue;
    // Estonia current, with a change of its technical contact notified late (below);
    // Italy with a policy-level point of contact only.
    let mut created = Vec::new();
    for seed in DIRECTORY {
        let at = ctx_at(store, config, days_ago(seed.days_ago));
        let actor = coordinator(seed.state)?;
        let contact = ops::directory::create_contact(
            &at,
            &actor,
            &code(seed.state)?,
            &input(seed.kind, &seed.person, at.clock.today()),
        )
        .await?;
        created.push(contact);
    }
    let find = |name: &str| {
        created
            .iter()
            .find(|c| c.details.name == name)
            .map(|c| c.id)
            .ok_or_else(|| AppError::Internal(format!("demo contact {name} missing")))
    };
    let late = ctx_at(store, config, days_ago(10));
    let cert_ee = DIRECTORY
        .iter()
        .find(|s| s.person.name == "CERT-EE")
        .map(|s| &s.person)
        .ok_or_else(|| AppError::Internal("demo CERT-EE missing".into()))?;
    let mut changed = input(TECHNICAL, cert_ee, late.clock.today() - Duration::days(75));
    changed.details.name = "CERT-EE duty officer".into();
    changed.details.phone = "+372 663 0200".into();
    ops::directory::update_contact(&late, &coordinator("EST")?, find("CERT-EE")?, &changed).await?;

    // Keys for the protected channel: every point of contact of Germany and Estonia, and Italy's
    // policy level (Italy has no technical contact). France and Austria have registered none, so
    // they cannot be addressed yet (and their annual clocks are left as the story needs them).
    // The secret keys are beside them (passphrase: the demo password), for trying `liaison
    // read` on the demo. They are in effect from two days before the demo starts, so that the
    // demo's threads, sent the day before, were encrypted to them.
    for (state, email, key) in DEMO_KEYS {
        let contact = created
            .iter()
            .find(|c| c.details.email == *email)
            .map(|c| c.id)
            .ok_or_else(|| AppError::Internal(format!("demo contact {email} missing")))?;
        ops::directory::register_key(
            &ctx,
            &coordinator(state)?,
            contact,
            key.as_bytes(),
            now.date() - Duration::days(2),
        )
        .await?;
    }

    // Every other participating State has an invented entry.
    let states = liaison_core::reference::states().map_err(AppError::Internal)?;
    let members = network::members(&states, &told())?;
    network::seed(store, config, now, &members).await?;

    // Each State's points of contact sign in as the directory contact they are.
    let permit = liaison_core::access::system::manage_accounts();
    let mut tx = store.begin().await?;
    for seed in DIRECTORY {
        let level = match seed.kind {
            ContactKind::Poc { level } => level,
            ContactKind::Structure { .. } => continue,
        };
        let username = format!("{}.{}", seed.state.to_lowercase(), level.as_str());
        if let Some(account) =
            liaison_store::account::by_username(&mut tx, &permit, &username).await?
        {
            let contact = find(seed.person.name)?;
            liaison_store::account::link_contact(&mut tx, &permit, account.id, Some(contact))
                .await?;
        }
    }
    liaison_store::commit(tx).await?;

    checks::seed(store, config, now, &members).await?;
    channel::seed(store, config, now).await?;
    seed_exchange(store, config, now).await?;
    Ok(logins)
}

/// The States whose entries the directory story tells, in its order.
fn told() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for seed in DIRECTORY {
        if !out.contains(&seed.state) {
            out.push(seed.state);
        }
    }
    out
}

/// The texts of a demo submission: (section, language, text, English translation).
type DemoSections = [(Section, &'static str, &'static str, Option<&'static str>); 5];

const GERMANY: DemoSections = [
    (
        Section::Threats,
        "en",
        "## Assessment\n\nRansomware against **hospitals and municipalities** remains the most \
         frequent serious incident; state actors target *energy* and *telecommunications*.\n\n\
         - supply-chain compromises of managed service providers\n\
         - disinformation around elections",
        None,
    ),
    (
        Section::OpenInternet,
        "en",
        "Germany supports the multi-stakeholder model of Internet governance and funds open-source \
         security audits through the *Sovereign Tech Agency*.",
        None,
    ),
    (
        Section::Legislation,
        "de",
        "Das **BSI-Gesetz** (BSIG) regelt die Zusammenarbeit des Bundesamts für Sicherheit in \
         der Informationstechnik mit den Ländern und mit Betreibern kritischer Anlagen.\n\n\
         Die NIS-2-Richtlinie wurde 2025 umgesetzt.",
        Some(
            "The **BSI Act** (BSIG) governs the co-operation of the Federal Office for Information \
             Security with the Länder and with operators of critical facilities.\n\n\
             The NIS 2 Directive was transposed in 2025.",
        ),
    ),
    (
        Section::Organisation,
        "en",
        "The *Cyber Security Strategy for Germany* is implemented by the BSI, the National Cyber \
         Defence Centre and CERT-Bund; industry co-operates in the *Alliance for Cyber Security*.",
        None,
    ),
    (
        Section::CriticalInfrastructure,
        "en",
        "| Sector | Examples |\n|---|---|\n| Energy | electricity, gas, oil |\n\
         | Health | hospitals, laboratories |\n| Water | drinking water, waste water |",
        None,
    ),
];

const FRANCE: DemoSections = [
    (
        Section::Threats,
        "fr",
        "Les **rançongiciels** et l’espionnage visant les collectivités territoriales restent la \
         menace principale.",
        Some("**Ransomware** and espionage against local authorities remain the main threat."),
    ),
    (
        Section::OpenInternet,
        "fr",
        "La France soutient l’Appel de Paris pour la confiance et la sécurité dans le cyberespace.",
        Some("France supports the Paris Call for Trust and Security in Cyberspace."),
    ),
    (
        Section::Legislation,
        "fr",
        "La loi de programmation militaire encadre les obligations des opérateurs d’importance \
         vitale.",
        Some("The military programming law sets the duties of operators of vital importance."),
    ),
    (
        Section::Organisation,
        "fr",
        "L’**ANSSI** est l’autorité nationale ; le CERT-FR traite les incidents.",
        Some("**ANSSI** is the national authority; CERT-FR handles incidents."),
    ),
    (
        Section::CriticalInfrastructure,
        "fr",
        "Douze secteurs d’activités d’importance vitale, dont l’énergie, la santé et les \
         transports.",
        Some("Twelve sectors of vital importance, among them energy, health and transport."),
    ),
];

/// The exchange story: the cycle of the last year whose deadline has passed, Germany's input
/// circulated on time (legislation in German with its translation, terms, an attachment),
/// France's circulated late, Austria still drafting; Estonia inquired about Germany's
/// legislation and Germany answered.
async fn seed_exchange(store: &Store, config: &Arc<Config>, now: OffsetDateTime) -> AppResult<()> {
    let year = if now.month() >= time::Month::November {
        now.year()
    } else {
        now.year() - 1
    };
    let date = |month, day| {
        time::Date::from_calendar_date(year, month, day)
            .map_err(|e| AppError::Internal(e.to_string()))
    };
    let at = |date: time::Date| {
        ctx_at(
            store,
            config,
            date.midnight().assume_utc() + Duration::hours(9),
        )
    };
    let manager = manager();
    let code = |c: &str| StateCode::parse(c).map_err(AppError::Internal);
    let opening = CycleInput {
        year,
        opens_on: date(time::Month::February, 1)?,
        deadline: None,
        sections: None,
        circulation: None,
        pattern: None,
    };
    ops::exchange::open_cycle(&at(date(time::Month::January, 20)?), &manager, &opening).await?;
    for (state, texts, day) in [
        ("DEU", &GERMANY, date(time::Month::October, 20)?),
        ("FRA", &FRANCE, date(time::Month::November, 1)?),
    ] {
        let ctx = at(day);
        let actor = coordinator(state)?;
        for (section, language, text, english) in texts {
            let input = SectionInput {
                language: (*language).into(),
                text: (*text).into(),
                english: english.map(str::to_owned),
                terms: Vec::new(),
                ..Default::default()
            };
            ops::exchange::save_section(&ctx, &actor, year, &code(state)?, *section, input).await?;
        }
        let terms: &[u8] = if state == "DEU" {
            "term,language,definition,english_term,english_definition,source\n\
             Sicherheitsvorfall,de,\"Ein Ereignis, das die Verfügbarkeit, Integrität oder Vertraulichkeit beeinträchtigt.\",Security incident,\"An event that impairs availability, integrity or confidentiality.\",BSIG § 2\n\
             Kritische Anlage,de,Eine Anlage von hoher Bedeutung für das Funktionieren des Gemeinwesens.,Critical facility,A facility of high importance for the functioning of the community.,BSI-KritisV\n"
                .as_bytes()
        } else {
            "term,language,definition,english_term,english_definition,source\n\
             Incident de sécurité,fr,Événement compromettant la sécurité d’un système d’information.,Security incident,An event that compromises the security of an information system.,ANSSI\n"
                .as_bytes()
        };
        ops::exchange::import_terms(&ctx, &actor, year, &code(state)?, terms).await?;
        if state == "DEU" {
            let file = ops::exchange::File {
                name: "BSIG-summary.txt",
                content_type: "text/plain",
                data: b"Gesetz ueber das Bundesamt fuer Sicherheit in der Informationstechnik (BSIG): summary for the information exchange.\n",
            };
            ops::exchange::attach(
                &ctx,
                &actor,
                year,
                &code(state)?,
                Section::Legislation,
                file,
            )
            .await?;
        }
        ops::exchange::submit(&ctx, &actor, year, &code(state)?).await?;
    }
    // Austria has begun its draft.
    let austria = at(date(time::Month::October, 28)?);
    let draft = SectionInput {
        language: "de".into(),
        text: "Die **Österreichische Strategie für Cybersicherheit** (ÖSCS) wird überarbeitet."
            .into(),
        english: None,
        terms: Vec::new(),
        ..Default::default()
    };
    ops::exchange::save_section(
        &austria,
        &coordinator("AUT")?,
        year,
        &code("AUT")?,
        Section::Organisation,
        draft,
    )
    .await?;
    // Estonia asks about Germany's legislation; Germany answers.
    let asked = at(date(time::Month::November, 3)?);
    let question = InquiryInput {
        section: Some(Section::Legislation),
        text: "Does the BSI Act oblige municipalities to report incidents?".into(),
    };
    let inquiry =
        ops::exchange::raise(&asked, &coordinator("EST")?, year, &code("DEU")?, &question).await?;
    let answer = PostInput {
        text: "Not yet: the Länder regulate their municipalities; a federal obligation is under discussion.".into(),
    };
    ops::exchange::post(
        &at(date(time::Month::November, 5)?),
        &coordinator("DEU")?,
        inquiry.id,
        &answer,
    )
    .await?;
    // In the story these notifications went out months ago.
    let mut tx = store.read().await?;
    let queued = liaison_store::outbox::recent(&mut tx, 1000).await?;
    drop(tx);
    for message in queued
        .iter()
        .filter(|m| m.kind.starts_with("exchange.") && m.status == "pending")
    {
        liaison_store::outbox::mark_sent(store, message.id, message.created_at).await?;
    }
    Ok(())
}
