//! The authorization matrix: every route of the JSON API and every directory page, called by every
//! role, on the caller's own State (DEU), another participating State (FRA), a Partner State
//! (JPN) and a State or contact that does not exist. The expected status of each call comes from
//! the rules of DESIGN.md §1, restated here in `allowed` independently of `core::access`:
//!
//! - every signed-in account sees the list of States and their aggregate figures;
//! - contact details: the manager, the State's own accounts, and participating States' accounts
//!   for participating States' entries; observers and auditors see aggregate figures only;
//! - only the State's own national coordinator changes its entry (not even the manager), but a
//!   point of contact registers its own contact's key (Germany's technical PoC is linked to the
//!   technical contact the rows use);
//! - the whole-directory export goes to the manager and States' accounts;
//! - only the auditor reads the audit log; only the manager manages accounts (creates, changes,
//!   disables, resets the password or second factor of, ends the sessions of); every signed-in
//!   account changes its own password and lists and ends its own sessions and tokens;
//! - every signed-in account sees the communication checks and their figures; only the manager
//!   launches them; the results beyond the figures (and their CSV) go to the manager, to
//!   coordinators (their State's rows) and to points of contact linked to their contact (their
//!   own row); a contact's check history to the manager, its coordinator and itself; only the
//!   challenged contact answers in the app; answering by token or signed reply needs no account;
//! - the protected channel is for the accounts of participating States (not the manager,
//!   observers, auditors or Partners' accounts); a thread is visible to its parties only (to
//!   another participating State it does not exist: 404); the channel's statistics go to the
//!   manager;
//! - every signed-in account reads the transparency log; a State's national coordinator
//!   publishes the tree head the State verified;
//! - the exchange: every signed-in account sees the cycles, their overview and each State's
//!   progress; only the manager opens cycles and circulates; a draft (its versions) is read by
//!   the State's own accounts and written by its coordinator; circulated documents and the
//!   inquiries about them go to the manager and participating States' accounts; a participating
//!   State inquires about another State's document (about its own: 422); an inquiry's thread is
//!   read and written by its two States only (to other readers it does not exist: 404), and made
//!   public by the submitting State's coordinator.

use liaison_core::access::Actor;
use liaison_core::clock::Clock;
use liaison_server::ops;
use liaison_testkit::{Answer, ApiClient, PASSWORD, TestApp, contact_body, spawn_app};
use liaison_types::account::Role;
use liaison_types::directory::ContactInput;
use liaison_types::state::StateCode;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU32, Ordering};

/// The password the matrix changes an account's to, and back.
const OTHER_PASSWORD: &str = "another long enough passphrase";

const ED25519_KEY: &str = include_str!("../../../core/tests/fixtures/keys/valid-ed25519.asc");
const RSA_KEY: &str = include_str!("../../../core/tests/fixtures/keys/valid-rsa3072.asc");
/// The secret half of `ED25519_KEY`, which the matrix registers for FRA's technical contact.
const SECRET_KEY: &str = include_str!("../../../core/tests/fixtures/keys/secret.asc");
/// A key no State holds, which Germany's technical contact registers in the matrix (a key is
/// one State's: France's would be refused).
const OWN_NEW_KEY: &str = include_str!("../../../core/tests/fixtures/keys/rpgp-v4.asc");

/// Who calls. The State accounts are Germany's (their own State is DEU); `PartnerPoc` is a
/// policy-level point of contact of Japan, a Partner for Co-operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Manager,
    Coordinator,
    Policy,
    Technical,
    Observer,
    Auditor,
    PartnerPoc,
    Anonymous,
}

const EVERYONE: [Who; 8] = [
    Who::Manager,
    Who::Coordinator,
    Who::Policy,
    Who::Technical,
    Who::Observer,
    Who::Auditor,
    Who::PartnerPoc,
    Who::Anonymous,
];

impl Who {
    fn username(self) -> Option<&'static str> {
        match self {
            Who::Manager => Some("manager"),
            Who::Coordinator => Some("deu.coordinator"),
            Who::Policy => Some("deu.policy"),
            Who::Technical => Some("deu.technical"),
            Who::Observer => Some("observer"),
            Who::Auditor => Some("auditor"),
            Who::PartnerPoc => Some("jpn.policy"),
            Who::Anonymous => None,
        }
    }

    /// The State the account acts for.
    fn state(self) -> Option<Target> {
        match self {
            Who::Coordinator | Who::Policy | Who::Technical => Some(Target::Own),
            Who::PartnerPoc => Some(Target::Partner),
            _ => None,
        }
    }
}

/// The State (or that State's contact) a call is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    /// DEU, the State of the German accounts.
    Own,
    /// FRA, another participating State.
    Other,
    /// JPN, a Partner for Co-operation.
    Partner,
    /// A well-formed code of no State, or the id of no contact.
    Missing,
}

const TARGETS: [Target; 4] = [Target::Own, Target::Other, Target::Partner, Target::Missing];

impl Target {
    fn code(self) -> &'static str {
        match self {
            Target::Own => "DEU",
            Target::Other => "FRA",
            Target::Partner => "JPN",
            Target::Missing => "ZZZ",
        }
    }

    fn participating(self) -> bool {
        matches!(self, Target::Own | Target::Other)
    }
}

/// What a route asks of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Anyone may try; the credentials decide (login).
    Credentials,
    /// Every signed-in account.
    SignedIn,
    /// May read the target State's contact details.
    ReadContacts,
    /// Is the target State's own national coordinator.
    EditEntry,
    /// May export the directory (the manager and States' accounts).
    Export,
    /// May export the directory and read the target State's contact details.
    ExportState,
    /// Imports rows of the target State: a coordinator's own State only.
    Import,
    /// The target's coordinator, or the point of contact linked to the target contact.
    RegisterKey,
    /// The auditor.
    Audit,
    /// The network manager.
    Accounts,
    /// Any national coordinator (the import form, whose rows are then checked per State).
    AnyCoordinator,
    /// The network manager launches communication checks.
    LaunchCheck,
    /// Sees more of a check than its figures: the manager, a coordinator (its State's rows), a
    /// point of contact linked to its directory contact (its own row; the demo links Germany's).
    CheckResults,
    /// A contact's check history: the manager, its State's coordinator, the contact itself
    /// (Germany's technical point of contact for the target's technical contact).
    CheckHistory,
    /// Answers a challenge in the app: only the challenged contact's own account.
    AnswerInApp,
    /// No account needed: the token (and its signature) is the proof.
    Public,
    /// The accounts of participating States use the protected channel.
    Channel,
    /// The network manager reads the channel's statistics.
    ChannelStats,
    /// A party State's accounts act in a thread (`Own`: DEU is a party; `Other`: it is not).
    ThreadParty,
    /// A State's national coordinator publishes the tree head the State verified.
    PublishHead,
    /// The network manager opens exchange cycles.
    ManageExchange,
    /// The target State's own accounts read its draft.
    ReadDraft,
    /// The manager circulates a submitted input (DEU's is submitted when the row runs).
    Circulate,
    /// The network manager records a circulated document's reference (DEU's and FRA's exist).
    RecordReference,
    /// The manager and participating States' accounts read circulated documents.
    ReadCirculated,
    /// A participating State's accounts inquire about another State's document.
    Inquire,
    /// The two States of an inquiry (`Own`: FRA asks DEU; `Other`: EST asks ITA).
    InquiryParty,
    /// The submitting State's coordinator makes an inquiry public.
    PublishInquiry,
}

/// Reads circulated documents: the manager and participating States' accounts.
fn reads_circulated(who: Who) -> bool {
    matches!(
        who,
        Who::Manager | Who::Coordinator | Who::Policy | Who::Technical
    )
}

/// Whether the rules let `who` do what `rule` guards on `target` (`None`: a route without a State).
fn allowed(rule: Rule, who: Who, target: Option<Target>) -> bool {
    let own = |t: Option<Target>| t.is_some() && who.state() == t;
    match rule {
        Rule::Credentials | Rule::SignedIn => who != Who::Anonymous,
        Rule::ReadContacts => {
            who == Who::Manager
                || own(target)
                || (who.state().is_some_and(Target::participating)
                    && target.is_some_and(Target::participating))
        }
        Rule::EditEntry | Rule::Import => who == Who::Coordinator && own(target),
        Rule::RegisterKey => (who == Who::Coordinator || who == Who::Technical) && own(target),
        Rule::Export => who == Who::Manager || who.state().is_some(),
        Rule::ExportState => {
            allowed(Rule::Export, who, target) && allowed(Rule::ReadContacts, who, target)
        }
        Rule::Audit => who == Who::Auditor,
        Rule::Accounts => who == Who::Manager,
        Rule::AnyCoordinator => who == Who::Coordinator,
        Rule::LaunchCheck => who == Who::Manager,
        Rule::CheckResults => matches!(
            who,
            Who::Manager | Who::Coordinator | Who::Policy | Who::Technical
        ),
        Rule::CheckHistory => {
            who == Who::Manager
                || (who == Who::Coordinator && own(target))
                || (who == Who::Technical && target == Some(Target::Own))
        }
        Rule::AnswerInApp => who == Who::Technical && target == Some(Target::Own),
        Rule::Public => true,
        Rule::Channel => matches!(who, Who::Coordinator | Who::Policy | Who::Technical),
        Rule::ChannelStats => who == Who::Manager,
        Rule::ThreadParty => allowed(Rule::Channel, who, None) && target == Some(Target::Own),
        Rule::PublishHead => who == Who::Coordinator,
        Rule::ManageExchange => who == Who::Manager,
        Rule::Circulate => who == Who::Manager && target == Some(Target::Own),
        Rule::ReadDraft => own(target),
        Rule::ReadCirculated => reads_circulated(who),
        Rule::RecordReference => {
            who == Who::Manager && matches!(target, Some(Target::Own | Target::Other))
        }
        Rule::Inquire => matches!(who, Who::Coordinator | Who::Policy | Who::Technical),
        Rule::InquiryParty => {
            matches!(who, Who::Coordinator | Who::Policy | Who::Technical)
                && target == Some(Target::Own)
        }
        Rule::PublishInquiry => who == Who::Coordinator && target == Some(Target::Own),
    }
}

/// Which request a row sends about its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// No State in the path.
    Nothing,
    /// `{code}` is the target State.
    State,
    /// `{id}` is a contact of the target State, with a registered key.
    Contact,
    /// `{id}` is a contact of the target State kept for being retired.
    Victim,
    /// `{id}` is a communication check (`Own`: one that exists).
    Check,
    /// `{id}` is the challenge of the target State's technical contact in a check.
    Challenge,
    /// A challenge's token, fresh for each call (`Missing`: one that no challenge has).
    Token,
    /// `{id}` is the target State's technical contact (whose check history is read).
    Checked,
    /// `{id}` is a request made for the call (`Own`: from EST to DEU; `Other`: from EST to ITA),
    /// `{message_id}` its first message.
    Received,
    /// `{id}` is a request made for the call (`Own`: from DEU to EST; `Other`: from EST to ITA).
    Sent,
    /// `{id}` is an inquiry (`Own`: FRA's about DEU's document; `Other`: EST's about ITA's).
    Inquiry,
    /// `{code}` is the target State and `{id}` the file its circulated document carries.
    Attachment,
    /// `{code}` is the target State and `{id}` a file attached to its draft for the call.
    Attached,
    /// `{id}` is an account made for the call (`Own`), or no account (`Missing`).
    Account,
    /// `{id}` is a token the calling account was given for the call (`Own`), or no token of it
    /// (`Missing`).
    OwnToken,
}

/// An extra check on a successful answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Extra {
    None,
    /// The entry lists contacts exactly when the caller may read them (else an empty list).
    ContactsOnlyIfReadable,
    /// The export holds only States whose contacts the caller may read.
    CsvOnlyReadableStates,
}

/// One row of the matrix: a route, what it asks of its caller, and its status on success.
struct Row {
    method: Method,
    path: &'static str,
    subject: Subject,
    rule: Rule,
    success: u16,
    extra: Extra,
}

fn row(method: Method, path: &'static str, subject: Subject, rule: Rule, success: u16) -> Row {
    Row {
        method,
        path,
        subject,
        rule,
        success,
        extra: Extra::None,
    }
}

#[rustfmt::skip]
fn api_rows() -> Vec<Row> {
    use Rule::*;
    use Subject::*;
    let (get, put, post) = (|| Method::GET, || Method::PUT, || Method::POST);
    let (delete, patch) = (|| Method::DELETE, || Method::PATCH);
    let extra = |row: Row, extra: Extra| Row { extra, ..row };
    vec![
        row(post(), "/api/v1/auth/login", Nothing, Credentials, 200),
        row(post(), "/api/v1/auth/logout", Nothing, SignedIn, 204),
        row(get(), "/api/v1/me", Nothing, SignedIn, 200),
        row(get(), "/api/v1/states", Nothing, SignedIn, 200),
        extra(row(get(), "/api/v1/states/{code}", State, SignedIn, 200), Extra::ContactsOnlyIfReadable),
        row(post(), "/api/v1/states/{code}/contacts", State, EditEntry, 201),
        row(post(), "/api/v1/states/{code}/confirm", State, EditEntry, 200),
        row(get(), "/api/v1/states/{code}/contacts.vcf", State, ReadContacts, 200),
        row(get(), "/api/v1/states/{code}/nomination", State, ReadContacts, 200),
        row(get(), "/api/v1/states/{code}/contacts.csv", State, ExportState, 200),
        row(get(), "/api/v1/contacts/{id}", Contact, ReadContacts, 200),
        row(put(), "/api/v1/contacts/{id}", Contact, EditEntry, 200),
        row(post(), "/api/v1/contacts/{id}/retire", Victim, EditEntry, 200),
        // Nothing is scheduled for the matrix's contacts: the coordinator may ask, and is told.
        row(delete(), "/api/v1/contacts/{id}/scheduled", Contact, EditEntry, 409),
        row(get(), "/api/v1/contacts/{id}/key", Contact, ReadContacts, 200),
        row(put(), "/api/v1/contacts/{id}/key", Contact, RegisterKey, 200),
        row(get(), "/api/v1/contacts/{id}/history", Contact, ReadContacts, 200),
        row(get(), "/api/v1/contacts/{id}/vcard", Contact, ReadContacts, 200),
        extra(row(get(), "/api/v1/directory/export.csv", Nothing, Export, 200), Extra::CsvOnlyReadableStates),
        row(post(), "/api/v1/directory/import", State, Import, 200),
        row(get(), "/api/v1/accounts", Nothing, Accounts, 200),
        row(post(), "/api/v1/accounts", Nothing, Accounts, 201),
        row(get(), "/api/v1/accounts/{id}", Account, Accounts, 200),
        row(patch(), "/api/v1/accounts/{id}", Account, Accounts, 200),
        row(post(), "/api/v1/accounts/{id}/password", Account, Accounts, 204),
        row(post(), "/api/v1/accounts/{id}/totp/reset", Account, Accounts, 204),
        row(delete(), "/api/v1/accounts/{id}/tokens", Account, Accounts, 200),
        row(post(), "/api/v1/me/password", Nothing, SignedIn, 200),
        row(get(), "/api/v1/me/tokens", Nothing, SignedIn, 200),
        row(delete(), "/api/v1/me/tokens/{id}", OwnToken, SignedIn, 204),
        row(get(), "/api/v1/audit", Nothing, Audit, 200),
        row(get(), "/api/v1/audit/verify", Nothing, Audit, 200),
        row(get(), "/api/v1/checks", Nothing, SignedIn, 200),
        row(post(), "/api/v1/checks", Nothing, LaunchCheck, 201),
        row(get(), "/api/v1/checks/{id}", Check, SignedIn, 200),
        row(get(), "/api/v1/checks/{id}/results.csv", Check, CheckResults, 200),
        row(get(), "/api/v1/checks/trend", Nothing, SignedIn, 200),
        row(get(), "/api/v1/checks/challenges", Nothing, SignedIn, 200),
        row(post(), "/api/v1/checks/challenges/{id}/answer", Challenge, AnswerInApp, 200),
        row(post(), "/api/v1/checks/answer", Token, Public, 200),
        row(post(), "/api/v1/checks/answer/signed", Token, Public, 200),
        row(get(), "/api/v1/contacts/{id}/checks", Checked, CheckHistory, 200),
        row(get(), "/api/v1/requests", Nothing, Channel, 200),
        row(post(), "/api/v1/requests", Nothing, Channel, 201),
        row(get(), "/api/v1/requests/keys", Nothing, Channel, 200),
        row(get(), "/api/v1/requests/stats", Nothing, ChannelStats, 200),
        row(get(), "/api/v1/requests/{id}", Received, ThreadParty, 200),
        row(get(), "/api/v1/requests/{id}/keys", Received, ThreadParty, 200),
        row(post(), "/api/v1/requests/{id}/messages", Received, ThreadParty, 201),
        row(get(), "/api/v1/requests/{id}/messages/{message_id}", Received, ThreadParty, 200),
        row(post(), "/api/v1/requests/{id}/acknowledge", Received, ThreadParty, 200),
        row(post(), "/api/v1/requests/{id}/close", Received, ThreadParty, 200),
        row(post(), "/api/v1/requests/{id}/escalate", Sent, ThreadParty, 200),
        row(post(), "/api/v1/requests/{id}/feedback", Received, ThreadParty, 204),
        row(get(), "/api/v1/transparency/key", Nothing, SignedIn, 200),
        row(get(), "/api/v1/transparency/head", Nothing, SignedIn, 200),
        row(get(), "/api/v1/transparency/heads", Nothing, SignedIn, 200),
        row(get(), "/api/v1/transparency/proof/inclusion", Nothing, SignedIn, 200),
        row(get(), "/api/v1/transparency/proof/consistency", Nothing, SignedIn, 200),
        row(get(), "/api/v1/transparency/leaves", Nothing, SignedIn, 200),
        row(get(), "/api/v1/transparency/contacts/{id}", Contact, SignedIn, 200),
        row(get(), "/api/v1/transparency/verifications", Nothing, SignedIn, 200),
        row(post(), "/api/v1/transparency/verifications", Nothing, PublishHead, 201),
        row(get(), "/api/v1/exchange/cycles", Nothing, SignedIn, 200),
        row(post(), "/api/v1/exchange/cycles", Nothing, ManageExchange, 201),
        row(get(), "/api/v1/exchange/cycles/{year}", Nothing, SignedIn, 200),
        row(get(), "/api/v1/exchange/cycles/{year}/submissions/{code}", State, SignedIn, 200),
        row(put(), "/api/v1/exchange/cycles/{year}/submissions/{code}/sections/{section}", State, EditEntry, 200),
        row(post(), "/api/v1/exchange/cycles/{year}/submissions/{code}/terms", State, EditEntry, 200),
        row(get(), "/api/v1/exchange/cycles/{year}/submissions/{code}/versions", State, ReadDraft, 200),
        row(post(), "/api/v1/exchange/cycles/{year}/submissions/{code}/submit", State, EditEntry, 200),
        row(post(), "/api/v1/exchange/cycles/{year}/submissions/{code}/circulate", State, Circulate, 201),
        row(get(), "/api/v1/exchange/cycles/{year}/submissions/{code}/document", State, ReadCirculated, 200),
        row(put(), "/api/v1/exchange/cycles/{year}/submissions/{code}/document/reference", State, RecordReference, 200),
        row(get(), "/api/v1/exchange/documents", Nothing, ReadCirculated, 200),
        row(get(), "/api/v1/exchange/cycles/{year}/submissions/{code}/diff", State, ReadCirculated, 200),
        row(get(), "/api/v1/exchange/cycles/{year}/submissions/{code}/export.html", State, ReadCirculated, 200),
        row(get(), "/api/v1/exchange/cycles/{year}/submissions/{code}/export.pdf", State, ReadCirculated, 200),
        row(get(), "/api/v1/exchange/cycles/{year}/submissions/{code}/inquiries", State, ReadCirculated, 200),
        row(post(), "/api/v1/exchange/cycles/{year}/submissions/{code}/inquiries", State, Inquire, 201),
        row(get(), "/api/v1/exchange/inquiries/{id}", Inquiry, InquiryParty, 200),
        row(post(), "/api/v1/exchange/inquiries/{id}/posts", Inquiry, InquiryParty, 201),
        row(put(), "/api/v1/exchange/inquiries/{id}/visibility", Inquiry, PublishInquiry, 200),
        row(get(), "/api/v1/exchange/states/{code}/documents", State, ReadCirculated, 200),
        row(post(), "/api/v1/exchange/cycles/{year}/submissions/{code}/sections/{section}/attachments", State, EditEntry, 201),
        row(delete(), "/api/v1/exchange/cycles/{year}/submissions/{code}/sections/{section}/attachments/{id}", Attached, EditEntry, 200),
        row(get(), "/api/v1/exchange/cycles/{year}/submissions/{code}/attachments/{id}", Attachment, ReadCirculated, 200),
        // Last: it ends every session of the calling account, the matrix's own token too.
        row(delete(), "/api/v1/me/tokens", Nothing, SignedIn, 200),
    ]
}

/// The status the rules give `who` calling `row` about `target`.
fn expected(row: &Row, who: Who, target: Option<Target>) -> u16 {
    if row.rule == Rule::Credentials {
        return if who == Who::Anonymous {
            401
        } else {
            row.success
        };
    }
    if row.rule == Rule::Public {
        return if target == Some(Target::Missing) {
            404
        } else {
            row.success
        };
    }
    if who == Who::Anonymous {
        return 401;
    }
    // Only the manager looks accounts up: others are refused before.
    if row.rule == Rule::Accounts && who != Who::Manager {
        return 403;
    }
    // An account that does not use the channel is refused before any thread is looked up.
    if row.rule == Rule::ThreadParty && !allowed(Rule::Channel, who, None) {
        return 403;
    }
    // Likewise an account that reads no circulated document, before any inquiry is looked up.
    if matches!(row.rule, Rule::InquiryParty | Rule::PublishInquiry) && !reads_circulated(who) {
        return 403;
    }
    if target == Some(Target::Missing) {
        return 404;
    }
    if row.rule == Rule::Inquire && allowed(row.rule, who, target) {
        return match target {
            Some(Target::Other) => row.success,
            Some(Target::Own) => 422,
            _ => 404,
        };
    }
    if row.rule == Rule::ReadCirculated
        && allowed(row.rule, who, target)
        && target == Some(Target::Partner)
        && row.path.contains("/submissions/{code}/")
        && !row.path.ends_with("/inquiries")
    {
        // The Partner has no circulated document.
        return 404;
    }
    if allowed(row.rule, who, target) {
        return row.success;
    }
    // A thread of other States does not exist for a State's accounts.
    if row.rule == Rule::ThreadParty && allowed(Rule::Channel, who, None) {
        return 404;
    }
    // An inquiry between other States does not exist for its readers; the submitting State's
    // points of contact read their own thread but do not publish it.
    if row.rule == Rule::InquiryParty {
        return 404;
    }
    if row.rule == Rule::PublishInquiry {
        return if target == Some(Target::Own) && who.state() == Some(Target::Own) {
            403
        } else {
            404
        };
    }
    // The Partner has no circulated document whose reference the manager could record.
    if row.rule == Rule::RecordReference && who == Who::Manager {
        return 404;
    }
    // Only DEU's input waits for circulation: FRA's is circulated, JPN has none.
    if row.rule == Rule::Circulate && who == Who::Manager {
        return 422;
    }
    // A coordinator's file with another State's rows is refused line by line, like any other
    // problem of the file, so that the coordinator can fix it in one go.
    if row.rule == Rule::Import && who == Who::Coordinator {
        return 422;
    }
    403
}

/// The demo data plus what the matrix needs: a Partner's account, a contact with a key in each
/// of DEU, FRA and JPN, and a contact to retire in each.
struct World {
    app: TestApp,
    clients: BTreeMap<&'static str, ApiClient>,
    contact: BTreeMap<Target, i64>,
    victim: BTreeMap<Target, i64>,
    /// A communication check, and the challenges of DEU's and FRA's technical contacts in it.
    check: i64,
    challenge: BTreeMap<Target, i64>,
    /// Fresh challenge tokens, each answered by one call: any contact's for the link, FRA's
    /// technical contact's (whose key is the fixture key) for signed answers.
    link_tokens: std::sync::Mutex<Vec<String>>,
    signed_tokens: std::sync::Mutex<Vec<String>>,
    /// Inquiries: `Own` FRA's about DEU's document, `Other` EST's about ITA's.
    inquiry: BTreeMap<Target, i64>,
    /// The file each State's circulated document carries.
    attachment: BTreeMap<&'static str, i64>,
    /// The reference FRA's document was circulated under (an alias once the matrix records
    /// another, and still resolving).
    first_reference: String,
}

fn poc(code: &str, level: &str) -> Actor {
    Actor {
        account_id: liaison_types::id::AccountId(0),
        username: format!("{}.{level}", code.to_lowercase()),
        role: Role::Poc,
        state: Some(StateCode::parse(code).unwrap()),
        state_participating: true,
        contact: None,
    }
}

impl World {
    /// A request made for one call (see [`Subject::Received`] and [`Subject::Sent`]): its id and
    /// its first message's.
    /// A file attached to the target State's threats section for one call (999 999 where the
    /// State has no draft).
    async fn fresh_attachment(&self, target: Target) -> i64 {
        if !target.participating() {
            return 999_999;
        }
        let code = target.code();
        let submission = ops::exchange::attach(
            &self.app.state.ctx("matrix-exchange"),
            &liaison_testkit::coordinator(code),
            2027,
            &StateCode::parse(code).unwrap(),
            liaison_types::exchange::Section::Threats,
            ops::exchange::File {
                name: &format!("annex-{}.pdf", serial()),
                content_type: "application/pdf",
                data: b"%PDF-1.4 annex",
            },
        )
        .await
        .unwrap();
        submission.draft[0].attachments.last().unwrap().id.0
    }

    async fn fresh_request(&self, subject: Subject, target: Option<Target>) -> (i64, i64) {
        let code = |c: &str| StateCode::parse(c).unwrap();
        let (from, to, level) = match (subject, target) {
            (_, Some(Target::Missing) | None) => return (999_999, 999_999),
            (Subject::Received, Some(Target::Own)) => ("EST", "DEU", "technical"),
            (Subject::Sent, Some(Target::Own)) => ("DEU", "EST", "technical"),
            _ => ("EST", "ITA", "policy"),
        };
        let actor = poc(from, level);
        let message = self.sealed(from, to, level).await;
        let outgoing = ops::channel::Outgoing {
            to: vec![code(to)],
            kind: liaison_types::channel::RequestKind::Consultation,
            urgency: liaison_types::channel::Urgency::Routine,
            level: liaison_types::directory::Level::parse(level).unwrap(),
            tlp: liaison_types::channel::Tlp::Green,
            language: "en".into(),
            message: message.into_bytes(),
        };
        let detail = ops::channel::send(&self.app.state.ctx("matrix"), &actor, &outgoing)
            .await
            .unwrap();
        (detail.request.id.0, detail.messages[0].id.0)
    }

    /// A message from `from` to `to` at `level`, encrypted to the key set as it is now (the
    /// matrix changes keys as it goes).
    async fn sealed(&self, from: &str, to: &str, level: &str) -> String {
        let level = liaison_types::directory::Level::parse(level).unwrap();
        let to = [StateCode::parse(to).unwrap()];
        let view = ops::channel::key_set(
            &self.app.state.ctx("matrix"),
            &poc(from, "technical"),
            &to,
            level,
        )
        .await
        .unwrap();
        self.sealed_to(&view)
    }

    /// The matrix's message, encrypted to a key set.
    fn sealed_to(&self, view: &liaison_types::channel::KeySetView) -> String {
        let keys: Vec<&str> = view.keys.iter().map(|k| k.public_key.as_str()).collect();
        let content = liaison_core::channel::seal::Content {
            subject: "Matrix".into(),
            body: "A request of the authorization matrix.".into(),
            attachments: Vec::new(),
        };
        let plain = liaison_core::channel::seal::compose(&content).unwrap();
        liaison_core::channel::seal::seal(&plain, &keys, self.app.clock.now()).unwrap()
    }

    /// A message `who` would send on `path` (a new request, or a reply in the thread the path
    /// names), encrypted to the key set the server gives that account: the set holds the
    /// writer's own key. Accounts that may not ask get the set of Germany's technical contact.
    async fn sealed_as(&self, who: Who, path: &str) -> String {
        let Some(username) = who.username() else {
            return self.sealed("DEU", "EST", "technical").await;
        };
        let account = {
            let mut tx = self.app.store.read().await.unwrap();
            liaison_store::account::by_username(
                &mut tx,
                &liaison_core::access::system::sign_in(),
                username,
            )
            .await
            .unwrap()
            .unwrap()
        };
        let actor = Actor {
            account_id: account.id,
            username: account.username.clone(),
            role: account.role,
            state: account.state.clone(),
            state_participating: account.state.is_some() && who != Who::PartnerPoc,
            contact: account.contact_id,
        };
        let ctx = self.app.state.ctx("matrix");
        let thread = path
            .strip_suffix("/messages")
            .and_then(|p| p.rsplit('/').next())
            .and_then(|id| id.parse::<liaison_types::id::RequestId>().ok());
        let view = match thread {
            Some(id) => ops::channel::thread_key_set(&ctx, &actor, id).await,
            None => {
                let to = [StateCode::parse("EST").unwrap()];
                ops::channel::key_set(
                    &ctx,
                    &actor,
                    &to,
                    liaison_types::directory::Level::Technical,
                )
                .await
            }
        };
        let Ok(view) = view else {
            return self.sealed("DEU", "EST", "technical").await;
        };
        self.sealed_to(&view)
    }

    /// The row's path with the target State's code or contact id filled in.
    async fn path(&self, row: &Row, target: Option<Target>) -> String {
        if matches!(row.subject, Subject::Received | Subject::Sent) {
            let (id, message) = self.fresh_request(row.subject, target).await;
            return row
                .path
                .replace("{id}", &id.to_string())
                .replace("{message_id}", &message.to_string());
        }
        if row.path.ends_with("/requests/keys") || row.path.ends_with("/requests/keys.asc") {
            return format!("{}?to=EST&level=technical", row.path);
        }
        if row.path.ends_with("/exchange/documents") {
            return format!("{}?reference={}", row.path, self.first_reference);
        }
        if row.path.ends_with("/proof/inclusion") {
            return format!("{}?index=0&tree_size=2", row.path);
        }
        if row.path.ends_with("/proof/consistency") {
            return format!("{}?first=1&second=2", row.path);
        }
        if row.subject == Subject::Inquiry {
            let id = target.map_or(999_999, |t| {
                self.inquiry.get(&t).copied().unwrap_or(999_999)
            });
            return row.path.replace("{id}", &id.to_string());
        }
        if row.path.contains("{year}") {
            let id = match (row.subject, target) {
                (Subject::Attachment, Some(t)) => {
                    self.attachment.get(t.code()).copied().unwrap_or(999_999)
                }
                (Subject::Attached, Some(t)) => self.fresh_attachment(t).await,
                _ => 0,
            };
            let path = row
                .path
                .replace("{year}", "2027")
                .replace("{id}", &id.to_string())
                .replace("{code}", target.map(Target::code).unwrap_or_default())
                .replace("{section}", "threats");
            return if path.ends_with("/diff") {
                format!("{path}?from=0&to=0")
            } else {
                path
            };
        }
        let id = match (row.subject, target) {
            (Subject::Account, Some(Target::Own)) => self.fresh_account().await.0,
            (Subject::Account, _) => 999_999,
            (Subject::Contact | Subject::Checked, Some(t)) => self.contact[&t],
            (Subject::Victim, Some(t)) => self.victim[&t],
            (Subject::Check, Some(Target::Missing)) => 999_999,
            (Subject::Check, Some(_)) => self.check,
            (Subject::Challenge, Some(t)) => self.challenge[&t],
            _ => 0,
        };
        let token = if row.path.contains("{token}") {
            self.token(false, target)
        } else {
            String::new()
        };
        row.path
            .replace("{code}", target.map(Target::code).unwrap_or_default())
            .replace("{id}", &id.to_string())
            .replace("{token}", &token)
    }

    /// An observer's account made for one call, with a second factor (so that it can be
    /// turned off).
    async fn fresh_account(&self) -> liaison_types::id::AccountId {
        let n = serial();
        let id = ops::account::create_account(
            &self.app.state.ctx("matrix-account"),
            None,
            ops::account::AccountRequest {
                username: format!("matrix.victim.{n}"),
                display_name: format!("Victim {n}"),
                email: format!("victim{n}@example.org"),
                password: "a long enough password".into(),
                role: Role::Observer,
                state: None,
                contact_id: None,
                locale: "en".into(),
            },
        )
        .await
        .unwrap();
        liaison_testkit::enable_totp_in_store(&self.app, id, 1).await;
        id
    }

    /// The public id of a token `who` is given for one call (`Own`), or of no token.
    async fn own_token(&self, who: Who, target: Option<Target>) -> String {
        match (who.username(), target) {
            (Some(username), Some(Target::Own)) => {
                let fresh = self.app.login(username).await;
                let token = fresh.token.unwrap();
                use sha2::Digest;
                hex::encode(sha2::Sha256::digest(token.as_bytes()))[..16].to_owned()
            }
            _ => "0000000000000000".to_owned(),
        }
    }

    /// A token no call has used yet, or one of no challenge for `Missing`.
    fn token(&self, signed: bool, target: Option<Target>) -> String {
        if target == Some(Target::Missing) {
            return liaison_core::checks::launch::new_token(&mut rand::rng());
        }
        let pool = if signed {
            &self.signed_tokens
        } else {
            &self.link_tokens
        };
        pool.lock()
            .unwrap()
            .pop()
            .expect("the world launched enough checks for the matrix's answers")
    }
}

fn input(level: &str, name: &str, email: &str) -> ContactInput {
    serde_json::from_value(contact_body(level, name, email, "2027-01-10")).unwrap()
}

async fn world() -> World {
    let app = spawn_app().await;
    let ctx = app.state.ctx("matrix-setup");
    ops::account::create_account(
        &ctx,
        None,
        ops::account::AccountRequest {
            username: "jpn.policy".into(),
            display_name: "Policy-level PoC, Japan".into(),
            email: "jpn.policy@demo.liaison.example".into(),
            password: PASSWORD.into(),
            role: Role::Poc,
            state: Some(StateCode::parse("JPN").unwrap()),
            contact_id: None,
            locale: "en".into(),
        },
    )
    .await
    .unwrap();
    let jpn = StateCode::parse("JPN").unwrap();
    let jpn_actor = liaison_testkit::coordinator("JPN");
    ops::directory::create_contact(
        &ctx,
        &jpn_actor,
        &jpn,
        &input("technical", "JPCERT/CC", "office@jpcert.example"),
    )
    .await
    .unwrap();

    let manager = app.login("manager").await;
    let mut contact = BTreeMap::new();
    let mut victim = BTreeMap::new();
    for target in [Target::Own, Target::Other, Target::Partner] {
        let code = target.code();
        let entry = manager.get(&format!("/api/v1/states/{code}")).await;
        let technical = entry.json["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["level"] == "technical")
            .unwrap_or_else(|| panic!("{code} has a technical point of contact"));
        let id = technical["id"].as_i64().unwrap();
        if technical["key"].is_null() {
            // France's (`Other`) is the key whose secret half the matrix holds; a key is one
            // State's, so any other gets its own.
            let key = if code == "FRA" {
                ED25519_KEY.to_owned()
            } else {
                liaison_core::channel::seal::generate(code, "").unwrap().1
            };
            ops::directory::register_key(
                &ctx,
                &liaison_testkit::coordinator(code),
                id,
                key.as_bytes(),
                app.clock.today(),
            )
            .await
            .unwrap();
        }
        contact.insert(target, id);
        let doomed = ops::directory::create_contact(
            &ctx,
            &liaison_testkit::coordinator(code),
            &StateCode::parse(code).unwrap(),
            &input("policy", "Leaving soon", "leaving@example.org"),
        )
        .await
        .unwrap();
        victim.insert(target, doomed.id);
    }
    contact.insert(Target::Missing, 999_999);
    victim.insert(Target::Missing, 999_999);

    // Checks to answer: one whose DEU and FRA technical challenges are kept for the in-app
    // row, two more for link tokens, and eight of FRA's technical contact for signed answers.
    let manager_actor = Actor {
        role: Role::Manager,
        username: "manager".into(),
        ..Actor::system()
    };
    let launch = |states: Vec<&str>, levels: &str| {
        serde_json::from_value::<liaison_types::checks::CheckInput>(json!({
            "scope": if states.is_empty() { "all" } else { "states" }, "states": states,
            "levels": levels, "window_hours": 48, "message": "Matrix check.",
        }))
        .unwrap()
    };
    let first = ops::checks::launch(&ctx, &manager_actor, &launch(vec![], "both"))
        .await
        .unwrap();
    let mut challenge = BTreeMap::new();
    for target in [Target::Own, Target::Other] {
        let id = first
            .challenges
            .iter()
            .find(|c| c.contact_id == contact[&target])
            .unwrap()
            .id;
        challenge.insert(target, id);
    }
    challenge.insert(Target::Missing, 999_999);
    let reserved: Vec<String> = first
        .challenges
        .iter()
        .filter(|c| challenge.values().any(|id| *id == c.id))
        .map(|c| c.email.clone())
        .collect();
    let of_first = pending_tokens(&app).await;
    let mut link_tokens: Vec<String> = of_first
        .iter()
        .filter(|(to, _)| !reserved.contains(to))
        .map(|(_, token)| token.clone())
        .collect();
    for _ in 0..2 {
        ops::checks::launch(&ctx, &manager_actor, &launch(vec![], "both"))
            .await
            .unwrap();
    }
    // The first check's tokens are taken: those of the kept challenges must stay unanswered.
    let taken: BTreeSet<String> = of_first.into_iter().map(|(_, token)| token).collect();
    let mut seen: BTreeSet<String> = pending_tokens(&app)
        .await
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    link_tokens.extend(seen.iter().filter(|t| !taken.contains(*t)).cloned());
    let fra_technical = first
        .challenges
        .iter()
        .find(|c| c.contact_id == contact[&Target::Other])
        .unwrap()
        .email
        .clone();
    let mut signed_tokens = Vec::new();
    for _ in 0..8 {
        ops::checks::launch(&ctx, &manager_actor, &launch(vec!["FRA"], "technical"))
            .await
            .unwrap();
        for (to, token) in pending_tokens(&app).await {
            if seen.insert(token.clone()) && to == fra_technical {
                signed_tokens.push(token);
            }
        }
    }
    assert_eq!(signed_tokens.len(), 8);

    let (inquiry, attachment, first_reference) = exchange_world(&app).await;

    let mut clients = BTreeMap::new();
    for who in EVERYONE {
        if let Some(username) = who.username() {
            clients.insert(username, app.login(username).await);
        }
    }
    World {
        app,
        clients,
        contact,
        victim,
        check: first.check.id,
        challenge,
        link_tokens: std::sync::Mutex::new(link_tokens),
        signed_tokens: std::sync::Mutex::new(signed_tokens),
        inquiry,
        attachment,
        first_reference,
    }
}

/// A 2027 exchange cycle circulated by the manager, in which DEU, FRA, EST and ITA have
/// circulated complete inputs, each with a file, FRA inquired about DEU's and EST about ITA's.
async fn exchange_world(
    app: &TestApp,
) -> (BTreeMap<Target, i64>, BTreeMap<&'static str, i64>, String) {
    use liaison_types::exchange::{CycleInput, InquiryInput, Section, SectionInput};
    let ctx = app.state.ctx("matrix-exchange");
    let mut attachments = BTreeMap::new();
    let mut first_reference = String::new();
    let manager = Actor {
        role: Role::Manager,
        username: "manager".into(),
        ..Actor::system()
    };
    let cycle: CycleInput = serde_json::from_value(
        json!({ "year": 2027, "opens_on": "2027-01-01", "circulation": "by-manager" }),
    )
    .unwrap();
    ops::exchange::open_cycle(&ctx, &manager, &cycle)
        .await
        .unwrap();
    for code in ["DEU", "FRA", "EST", "ITA"] {
        let coordinator = liaison_testkit::coordinator(code);
        let state = StateCode::parse(code).unwrap();
        for section in Section::ALL {
            let input = SectionInput {
                language: "en".into(),
                text: format!("{code} on {}.", section.as_str()),
                ..SectionInput::default()
            };
            ops::exchange::save_section(&ctx, &coordinator, 2027, &state, section, input)
                .await
                .unwrap();
        }
        let attached = ops::exchange::attach(
            &ctx,
            &coordinator,
            2027,
            &state,
            Section::Threats,
            ops::exchange::File {
                name: "strategy.pdf",
                content_type: "application/pdf",
                data: b"%PDF-1.4 matrix",
            },
        )
        .await
        .unwrap();
        attachments.insert(code, attached.draft[0].attachments[0].id.0);
        ops::exchange::submit(&ctx, &coordinator, 2027, &state)
            .await
            .unwrap();
        let document = ops::exchange::circulate(&ctx, &manager, 2027, &state, None)
            .await
            .unwrap();
        if code == "FRA" {
            first_reference = document.reference;
        }
    }
    let mut inquiries = BTreeMap::new();
    for (target, from, about) in [(Target::Own, "FRA", "DEU"), (Target::Other, "EST", "ITA")] {
        let input = InquiryInput {
            section: None,
            text: "A question of the matrix.".into(),
        };
        let inquiry = ops::exchange::raise(
            &ctx,
            &poc(from, "policy"),
            2027,
            &StateCode::parse(about).unwrap(),
            &input,
        )
        .await
        .unwrap();
        inquiries.insert(target, inquiry.id.0);
    }
    (inquiries, attachments, first_reference)
}

/// The tokens of the challenge mails waiting in the outbox, with their recipients.
async fn pending_tokens(app: &TestApp) -> Vec<(String, String)> {
    let mut tx = app.store.read().await.unwrap();
    liaison_store::outbox::recent(&mut tx, 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == "checks.challenge" && m.status == "pending")
        .filter_map(|m| Some((m.recipient, m.secret?)))
        .collect()
}

static SERIAL: AtomicU32 = AtomicU32::new(0);

fn serial() -> u32 {
    SERIAL.fetch_add(1, Ordering::Relaxed)
}

fn import_csv(code: &str) -> String {
    let n = serial();
    format!(
        "id,state,kind,structure_kind,name,function,organisation,email,phone,available_24_7,time_zone,languages,deputy,website,notes,effective_on\r\n\
         ,{code},policy,,Imported {n},Envoy,Ministry,imported{n}@example.org,+49 30 1234567,no,Europe/Berlin,en,no,,,2027-01-10\r\n"
    )
}

/// The request `row` sends as `who` about `target`.
async fn call(world: &World, row: &Row, who: Who, target: Option<Target>) -> Answer {
    let mut client = match who.username() {
        Some(username) => world.clients[username].clone(),
        None => world.app.anonymous(),
    };
    let code = target.map(Target::code).unwrap_or_default();
    let path = if row.subject == Subject::OwnToken {
        row.path
            .replace("{id}", &world.own_token(who, target).await)
    } else {
        world.path(row, target).await
    };
    let n = serial();
    let body = match (row.method.as_str(), row.path) {
        ("PATCH", "/api/v1/accounts/{id}") => {
            Some(json!({ "display_name": format!("Renamed {n}") }))
        }
        (_, "/api/v1/accounts/{id}/password") => {
            Some(json!({ "password": "another long enough password" }))
        }
        (_, "/api/v1/me/password") => {
            // Changed, then changed back, so that the account signs in as before.
            let changed = client
                .post(
                    &path,
                    &json!({ "current_password": PASSWORD, "new_password": OTHER_PASSWORD }),
                )
                .await;
            if changed.status == StatusCode::OK {
                let back = client
                    .post(
                        &path,
                        &json!({ "current_password": OTHER_PASSWORD, "new_password": PASSWORD }),
                    )
                    .await;
                assert_eq!(back.status, StatusCode::OK, "{}", back.text);
            }
            return changed;
        }
        (_, "/api/v1/auth/login") => Some(json!({
            "username": who.username().unwrap_or("nobody"), "password": PASSWORD,
        })),
        (_, "/api/v1/auth/logout") => {
            // A session of its own, so that the matrix's tokens live on.
            if let Some(username) = who.username() {
                client = world.app.login(username).await;
            }
            None
        }
        ("POST", "/api/v1/states/{code}/contacts") | ("PUT", "/api/v1/contacts/{id}") => {
            Some(contact_body(
                "technical",
                &format!("Duty officer {n}"),
                &format!("duty{n}@example.org"),
                "2027-01-10",
            ))
        }
        (_, "/api/v1/contacts/{id}/retire") => Some(json!({ "effective_on": "2027-01-15" })),
        ("PUT", "/api/v1/contacts/{id}/key") => {
            // The coordinator and then the contact itself register a key: each a new one.
            let key = if who == Who::Technical {
                OWN_NEW_KEY
            } else {
                RSA_KEY
            };
            Some(json!({ "armored": key, "effective_on": "2027-01-15" }))
        }
        ("POST", "/api/v1/accounts") => Some(json!({
            "username": format!("new.account{n}"), "display_name": "New", "email": format!("new{n}@example.org"),
            "password": "a long enough password", "role": "observer",
        })),
        (_, "/api/v1/directory/import") => {
            return client
                .post_bytes(&path, "text/csv", import_csv(code).into_bytes())
                .await;
        }
        ("POST", "/api/v1/checks") => Some(json!({
            "scope": "states", "states": ["DEU"], "levels": "policy", "window_hours": 24, "message": "Matrix launch.",
        })),
        (_, "/api/v1/checks/answer") => Some(json!({ "token": world.token(false, target) })),
        (_, "/api/v1/checks/answer/signed") => {
            let token = world.token(true, target);
            let signed = liaison_core::checks::signed::sign_answer(SECRET_KEY, "", &token).unwrap();
            return client
                .post_bytes(&path, "text/plain", signed.into_bytes())
                .await;
        }
        (_, "/api/v1/checks/challenges/{id}/answer") => Some(json!({})),
        ("POST", "/api/v1/requests") => Some(json!({
            "to": ["EST"], "kind": "general", "urgency": "routine", "level": "technical",
            "tlp": "CLEAR", "language": "en", "message": world.sealed_as(who, &path).await,
        })),
        (_, "/api/v1/requests/{id}/messages") => {
            let sealed = world.sealed_as(who, &path).await;
            return client
                .post_bytes(&path, "application/pgp-encrypted", sealed.into_bytes())
                .await;
        }
        (_, "/api/v1/requests/{id}/feedback") => Some(json!({ "useful": true })),
        ("POST", path) if path.starts_with("/api/v1/requests/") => Some(json!({})),
        ("POST", "/api/v1/exchange/cycles") => Some(json!({
            "year": 2030 + n % 70, "opens_on": "2030-01-01",
        })),
        ("PUT", "/api/v1/exchange/cycles/{year}/submissions/{code}/sections/{section}") => {
            Some(json!({ "language": "en", "text": format!("Revised {n}.") }))
        }
        ("PUT", "/api/v1/exchange/cycles/{year}/submissions/{code}/document/reference") => {
            Some(json!({ "reference": format!("PC.DEL/{}/27", 5000 + n) }))
        }
        (_, "/api/v1/exchange/cycles/{year}/submissions/{code}/sections/{section}/attachments") => {
            let name = format!("annex-{n}.pdf");
            return client
                .post_file(
                    &path,
                    "file",
                    &name,
                    "application/pdf",
                    b"%PDF-1.4 row".to_vec(),
                )
                .await;
        }
        (_, "/api/v1/exchange/cycles/{year}/submissions/{code}/terms") => {
            let csv = format!(
                "term,language,definition,english_term,english_definition\nterm {n},en,A definition.,,\n"
            );
            return client.post_bytes(&path, "text/csv", csv.into_bytes()).await;
        }
        ("POST", "/api/v1/exchange/cycles/{year}/submissions/{code}/inquiries") => {
            Some(json!({ "text": format!("Question {n}?") }))
        }
        (_, "/api/v1/exchange/inquiries/{id}/posts") => {
            Some(json!({ "text": format!("Answer {n}.") }))
        }
        (_, "/api/v1/exchange/inquiries/{id}/visibility") => Some(json!({ "public": false })),
        ("POST", path) if path.starts_with("/api/v1/exchange/") => Some(json!({})),
        ("POST", "/api/v1/transparency/verifications") => {
            let head = ops::transparency::latest(&world.app.state.ctx("matrix"), &Actor::system())
                .await
                .unwrap();
            Some(json!({ "tree_size": head.tree_size, "root_hash": head.root_hash }))
        }
        _ => None,
    };
    client.call(row.method.clone(), &path, body.as_ref()).await
}

/// The targets a row is called about.
fn targets_of(row: &Row) -> Vec<Option<Target>> {
    match row.subject {
        Subject::Nothing => vec![None],
        Subject::Account | Subject::OwnToken => vec![Some(Target::Own), Some(Target::Missing)],
        Subject::Check | Subject::Token => vec![Some(Target::Own), Some(Target::Missing)],
        Subject::Received | Subject::Sent => vec![
            Some(Target::Own),
            Some(Target::Other),
            Some(Target::Missing),
        ],
        Subject::Inquiry => vec![
            Some(Target::Own),
            Some(Target::Other),
            Some(Target::Missing),
        ],
        Subject::Challenge => vec![
            Some(Target::Own),
            Some(Target::Other),
            Some(Target::Missing),
        ],
        _ if row.rule == Rule::Import => vec![
            Some(Target::Own),
            Some(Target::Other),
            Some(Target::Partner),
        ],
        _ => TARGETS.into_iter().map(Some).collect(),
    }
}

/// A mismatch between the answer and the rules, or `None`.
fn check_api(row: &Row, who: Who, target: Option<Target>, answer: &Answer) -> Option<String> {
    let want = expected(row, who, target);
    let label = format!("{} {} as {who:?} on {target:?}", row.method, row.path);
    if answer.status.as_u16() != want {
        return Some(format!(
            "{label}: {} (rules say {want}) {}",
            answer.status,
            answer.text.chars().take(200).collect::<String>()
        ));
    }
    if want >= 400 && !answer.content_type.starts_with("application/problem+json") {
        return Some(format!(
            "{label}: refusal is {} rather than problem+json",
            answer.content_type
        ));
    }
    if want >= 400 {
        return None;
    }
    match row.extra {
        Extra::None => None,
        Extra::ContactsOnlyIfReadable => {
            let listed = answer.json["contacts"].as_array().map_or(0, Vec::len);
            let may_read = allowed(Rule::ReadContacts, who, target);
            (may_read != (listed > 0)).then(|| {
                format!("{label}: {listed} contacts listed, but may read contacts = {may_read}")
            })
        }
        Extra::CsvOnlyReadableStates => {
            let states: BTreeSet<&str> = answer
                .text
                .lines()
                .skip(1)
                .filter_map(|line| line.split(',').nth(1))
                .collect();
            let unreadable: Vec<&&str> = states
                .iter()
                .filter(|code| {
                    let target = match **code {
                        "DEU" => Target::Own,
                        "JPN" => Target::Partner,
                        _ => Target::Other,
                    };
                    !allowed(Rule::ReadContacts, who, Some(target))
                })
                .collect();
            (!unreadable.is_empty() || states.is_empty()).then(|| {
                format!("{label}: exports States {states:?}; not readable: {unreadable:?}")
            })
        }
    }
}

#[tokio::test]
async fn every_api_route_answers_every_role_as_the_rules_say() {
    let world = world().await;
    let mut mismatches = Vec::new();
    let mut calls = 0;
    for row in api_rows() {
        for target in targets_of(&row) {
            for who in EVERYONE {
                let answer = call(&world, &row, who, target).await;
                calls += 1;
                mismatches.extend(check_api(&row, who, target, &answer));
            }
        }
    }
    assert!(calls > 400, "the matrix made {calls} calls");
    assert!(
        mismatches.is_empty(),
        "{} of {calls} calls differ from the rules:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[tokio::test]
async fn the_matrix_has_a_row_for_every_route_of_the_openapi_document() {
    let app = spawn_app().await;
    let document = app.anonymous().get("/api/openapi.json").await;
    assert_eq!(document.status, StatusCode::OK);
    let mut documented = BTreeSet::new();
    for (path, item) in document.json["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "put", "post", "delete", "patch"].contains(&method.as_str()) {
                documented.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    let tested: BTreeSet<(String, String)> = api_rows()
        .iter()
        .map(|row| (row.method.to_string(), row.path.to_owned()))
        .collect();
    let untested: Vec<_> = documented.difference(&tested).collect();
    let undocumented: Vec<_> = tested.difference(&documented).collect();
    assert!(
        untested.is_empty(),
        "routes without a row in the matrix: {untested:?}"
    );
    assert!(
        undocumented.is_empty(),
        "rows for routes the API does not have: {undocumented:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The pages: the same rules through a browser session (cookie and CSRF token).

/// A browser: a cookie store, no redirects followed, and the session's CSRF token.
struct Browser {
    http: reqwest::Client,
    base: String,
    csrf: String,
}

/// A page's answer.
struct Page {
    status: StatusCode,
    location: String,
    content_type: String,
    body: String,
}

fn csrf_of(html: &str) -> Option<String> {
    let start = html.find("name=\"csrf\" value=\"")? + "name=\"csrf\" value=\"".len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned())
}

impl Browser {
    async fn anonymous(app: &TestApp) -> Browser {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Browser {
            http,
            base: app.base.clone(),
            csrf: String::new(),
        }
    }

    /// Signs in through the login form and reads the CSRF token from a page.
    async fn signed_in(app: &TestApp, username: &str) -> Browser {
        let mut browser = Browser::anonymous(app).await;
        let login = browser
            .post_raw(
                "/login",
                &[
                    ("username", username),
                    ("password", PASSWORD),
                    ("next", "/states"),
                ],
            )
            .await;
        assert_eq!(login.status, StatusCode::SEE_OTHER, "login of {username}");
        assert_eq!(login.location, "/states");
        let page = browser.get("/states").await;
        assert_eq!(page.status, StatusCode::OK);
        browser.csrf = csrf_of(&page.body).expect("the page carries a CSRF token");
        browser
    }

    async fn answer(response: reqwest::Response) -> Page {
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let (location, content_type) = (header("location"), header("content-type"));
        Page {
            status: response.status(),
            location,
            content_type,
            body: response.text().await.unwrap(),
        }
    }

    async fn get(&self, path: &str) -> Page {
        Browser::answer(
            self.http
                .get(format!("{}{path}", self.base))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    async fn post_raw(&self, path: &str, form: &[(&str, &str)]) -> Page {
        Browser::answer(
            self.http
                .post(format!("{}{path}", self.base))
                .form(form)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// Posts a form with the session's CSRF token.
    async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let mut fields = form.to_vec();
        fields.push(("csrf", &self.csrf));
        self.post_raw(path, &fields).await
    }
}

/// The page matrix uses the same rows: success is 200 for pages and downloads, 303 for forms
/// that redirect after they did their work.
#[rustfmt::skip]
fn web_rows() -> Vec<Row> {
    use Rule::*;
    use Subject::*;
    let (get, post) = (|| Method::GET, || Method::POST);
    vec![
        row(get(), "/states", Nothing, SignedIn, 200),
        row(get(), "/states/{code}", State, SignedIn, 200),
        row(get(), "/states/{code}/contacts/new", State, EditEntry, 200),
        row(post(), "/states/{code}/contacts", State, EditEntry, 303),
        row(post(), "/states/{code}/confirm", State, EditEntry, 303),
        row(get(), "/states/{code}/contacts.vcf", State, ReadContacts, 200),
        row(get(), "/states/{code}/nomination.json", State, ReadContacts, 200),
        row(get(), "/states/{code}/contacts.csv", State, ExportState, 200),
        row(get(), "/contacts/{id}", Contact, ReadContacts, 200),
        row(get(), "/contacts/{id}/edit", Contact, EditEntry, 200),
        row(post(), "/contacts/{id}", Contact, EditEntry, 303),
        row(post(), "/contacts/{id}/retire", Victim, EditEntry, 303),
        row(post(), "/contacts/{id}/scheduled/withdraw", Contact, EditEntry, 409),
        row(get(), "/contacts/{id}/key", Contact, RegisterKey, 200),
        row(post(), "/contacts/{id}/key", Contact, RegisterKey, 303),
        row(get(), "/contacts/{id}/key.asc", Contact, ReadContacts, 200),
        row(get(), "/contacts/{id}/vcard", Contact, ReadContacts, 200),
        row(get(), "/directory.csv", Nothing, Export, 200),
        row(post(), "/directory/import", State, Import, 200),
        row(get(), "/directory/import", Nothing, AnyCoordinator, 200),
        row(get(), "/audit", Nothing, Audit, 200),
        row(get(), "/transparency", Nothing, SignedIn, 200),
        row(get(), "/accounts", Nothing, Accounts, 200),
        row(post(), "/accounts", Nothing, Accounts, 303),
        row(get(), "/accounts/{id}", Account, Accounts, 200),
        row(post(), "/accounts/{id}", Account, Accounts, 303),
        row(post(), "/accounts/{id}/disabled", Account, Accounts, 303),
        row(post(), "/accounts/{id}/password", Account, Accounts, 303),
        row(post(), "/accounts/{id}/totp-reset", Account, Accounts, 303),
        row(post(), "/accounts/{id}/end-sessions", Account, Accounts, 303),
        row(get(), "/account", Nothing, SignedIn, 200),
        row(post(), "/account/password", Nothing, SignedIn, 303),
        row(post(), "/account/tokens/{id}/revoke", OwnToken, SignedIn, 303),
        row(get(), "/checks", Nothing, SignedIn, 200),
        row(get(), "/checks/new", Nothing, LaunchCheck, 200),
        row(post(), "/checks", Nothing, LaunchCheck, 303),
        row(get(), "/checks/trend.svg", Nothing, SignedIn, 200),
        row(get(), "/checks/{id}", Check, SignedIn, 200),
        row(get(), "/checks/{id}/results.csv", Check, CheckResults, 200),
        row(post(), "/checks/challenges/{id}/answer", Challenge, AnswerInApp, 303),
        row(get(), "/checks/answer/{token}", Token, Public, 200),
        row(post(), "/checks/answer/{token}", Token, Public, 200),
        row(get(), "/requests", Nothing, Channel, 200),
        row(get(), "/requests/new", Nothing, Channel, 200),
        row(post(), "/requests", Nothing, Channel, 303),
        row(get(), "/requests/keys.asc", Nothing, Channel, 200),
        row(get(), "/requests/stats", Nothing, ChannelStats, 200),
        row(get(), "/requests/{id}", Received, ThreadParty, 200),
        row(get(), "/requests/{id}/keys.asc", Received, ThreadParty, 200),
        row(post(), "/requests/{id}/messages", Received, ThreadParty, 303),
        row(get(), "/requests/{id}/messages/{message_id}", Received, ThreadParty, 200),
        row(post(), "/requests/{id}/acknowledge", Received, ThreadParty, 303),
        row(post(), "/requests/{id}/close", Received, ThreadParty, 303),
        row(post(), "/requests/{id}/escalate", Sent, ThreadParty, 303),
        row(post(), "/requests/{id}/feedback", Received, ThreadParty, 303),
        row(get(), "/exchange", Nothing, SignedIn, 200),
        row(post(), "/exchange/cycles", Nothing, ManageExchange, 303),
        row(get(), "/exchange/{year}", Nothing, SignedIn, 200),
        row(post(), "/exchange/{year}/submissions/{code}/sections/{section}", State, EditEntry, 303),
        row(post(), "/exchange/{year}/submissions/{code}/submit", State, EditEntry, 303),
        row(post(), "/exchange/{year}/submissions/{code}/circulate", State, Circulate, 303),
        row(get(), "/exchange/{year}/submissions/{code}/document", State, ReadCirculated, 200),
        row(post(), "/exchange/{year}/submissions/{code}/document/reference", State, RecordReference, 303),
        row(get(), "/exchange/documents", Nothing, ReadCirculated, 303),
        row(get(), "/exchange/{year}/submissions/{code}/diff", State, ReadCirculated, 200),
        row(get(), "/exchange/{year}/submissions/{code}/export.html", State, ReadCirculated, 200),
        row(get(), "/exchange/{year}/submissions/{code}/export.pdf", State, ReadCirculated, 200),
        row(post(), "/exchange/{year}/submissions/{code}/inquiries", State, Inquire, 303),
        row(post(), "/exchange/inquiries/{id}/posts", Inquiry, InquiryParty, 303),
        row(get(), "/exchange/states/{code}", State, ReadCirculated, 200),
        row(post(), "/exchange/{year}/submissions/{code}/sections/{section}/attachments/{id}/remove", Attached, EditEntry, 303),
        row(get(), "/exchange/{year}/submissions/{code}/attachments/{id}", Attachment, ReadCirculated, 200),
        // Last: it ends the browser's own session.
        row(post(), "/account/sign-out-everywhere", Nothing, SignedIn, 303),
    ]
}

/// The form fields a row posts (the CSRF token is added by the browser).
fn form_of(row: &Row, who: Who, code: &str, sealed: &str) -> Vec<(&'static str, String)> {
    let n = serial();
    let contact = || {
        vec![
            ("kind", "technical".to_owned()),
            ("name", format!("Web duty officer {n}")),
            ("organisation", "Test Ministry".to_owned()),
            ("email", format!("web{n}@example.org")),
            ("phone", "+49 30 1234567".to_owned()),
            ("time_zone", "Europe/Berlin".to_owned()),
            ("languages", "de en".to_owned()),
            ("effective_on", "2027-01-10".to_owned()),
        ]
    };
    match row.path {
        "/states/{code}/contacts" | "/contacts/{id}" => contact(),
        "/contacts/{id}/retire" => vec![("effective_on", "2027-01-15".to_owned())],
        "/contacts/{id}/key" => vec![
            (
                "armored",
                if who == Who::Technical {
                    OWN_NEW_KEY
                } else {
                    RSA_KEY
                }
                .to_owned(),
            ),
            ("effective_on", "2027-01-15".to_owned()),
        ],
        "/directory/import" => vec![("csv", import_csv(code))],
        "/checks" => vec![
            ("scope", "states".to_owned()),
            ("states", "DEU FRA".to_owned()),
            ("levels", "both".to_owned()),
            ("window_hours", "24".to_owned()),
            ("spread_hours", "0".to_owned()),
            ("message", "Launched from the page matrix.".to_owned()),
        ],
        "/accounts" => vec![
            ("username", format!("web.account.{n}")),
            ("display_name", "Web account".to_owned()),
            ("email", format!("web.account.{n}@example.org")),
            ("role", "observer".to_owned()),
            ("state", String::new()),
            ("password", "a long enough password".to_owned()),
        ],
        "/requests" => vec![
            ("to", "EST".to_owned()),
            ("kind", "general".to_owned()),
            ("urgency", "routine".to_owned()),
            ("level", "technical".to_owned()),
            ("tlp", "CLEAR".to_owned()),
            ("language", "en".to_owned()),
            ("message_text", sealed.to_owned()),
        ],
        "/requests/{id}/messages" => vec![("message_text", sealed.to_owned())],
        "/requests/{id}/feedback" => vec![("useful", "yes".to_owned())],
        "/exchange/cycles" => vec![
            ("year", (2030 + n % 70).to_string()),
            ("opens_on", "2030-01-01".to_owned()),
            ("section_threats", "on".to_owned()),
            ("circulation", "on-submission".to_owned()),
            ("pattern", "PC.DEL/{n}/{yy}".to_owned()),
        ],
        "/exchange/{year}/submissions/{code}/sections/{section}" => vec![
            ("language", "en".to_owned()),
            ("text", format!("Revised on the page {n}.")),
            ("english", String::new()),
        ],
        "/exchange/{year}/submissions/{code}/inquiries" => vec![
            ("section", String::new()),
            ("text", format!("A page question {n}?")),
        ],
        "/exchange/inquiries/{id}/posts" => vec![("text", format!("A page answer {n}."))],
        "/exchange/{year}/submissions/{code}/document/reference" => {
            vec![("reference", format!("PC.DEL/{}/27", 7000 + n))]
        }
        "/accounts/{id}" => vec![
            ("display_name", format!("Renamed on the page {n}")),
            ("email", format!("renamed{n}@example.org")),
            ("role", "observer".to_owned()),
            ("state", String::new()),
            ("contact", String::new()),
        ],
        "/accounts/{id}/disabled" => vec![("disabled", "true".to_owned())],
        "/accounts/{id}/password" => vec![("password", "another long enough password".to_owned())],
        "/account/password" => vec![
            ("current_password", PASSWORD.to_owned()),
            ("new_password", OTHER_PASSWORD.to_owned()),
        ],
        _ => Vec::new(),
    }
}

/// On the pages, an anonymous caller is sent to the login page instead of getting a 401.
fn web_expected(row: &Row, who: Who, target: Option<Target>) -> u16 {
    match expected(row, who, target) {
        401 => 303,
        other => other,
    }
}

fn check_web(row: &Row, who: Who, target: Option<Target>, page: &Page) -> Option<String> {
    let want = web_expected(row, who, target);
    let label = format!("{} {} as {who:?} on {target:?}", row.method, row.path);
    if page.status.as_u16() != want {
        let start = page.body.find("class=\"problem\"").unwrap_or(0);
        return Some(format!(
            "{label}: {} (rules say {want}) {}",
            page.status,
            page.body.chars().skip(start).take(200).collect::<String>()
        ));
    }
    if who == Who::Anonymous && row.rule != Rule::Public && !page.location.starts_with("/login") {
        return Some(format!(
            "{label}: anonymous sent to '{}', not to /login",
            page.location
        ));
    }
    if want >= 400 && !page.content_type.starts_with("text/html") {
        return Some(format!(
            "{label}: refusal is {} rather than an HTML page",
            page.content_type
        ));
    }
    None
}

#[tokio::test]
async fn every_page_answers_every_role_as_the_rules_say() {
    let world = world().await;
    let app = &world.app;
    let mut browsers = Vec::new();
    for who in EVERYONE {
        let browser = match who.username() {
            Some(username) => Browser::signed_in(app, username).await,
            None => Browser::anonymous(app).await,
        };
        browsers.push((who, browser));
    }
    let mut mismatches = Vec::new();
    let mut calls = 0;
    for row in web_rows() {
        for target in targets_of(&row) {
            for (who, browser) in &browsers {
                let code = target.map(Target::code).unwrap_or_default();
                let path = if row.subject == Subject::OwnToken {
                    row.path
                        .replace("{id}", &world.own_token(*who, target).await)
                } else {
                    world.path(&row, target).await
                };
                let page = if row.method == Method::POST {
                    let sealed = if row.path.starts_with("/requests") {
                        world.sealed_as(*who, &path).await
                    } else {
                        String::new()
                    };
                    let form = form_of(&row, *who, code, &sealed);
                    let fields: Vec<(&str, &str)> =
                        form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    let page = browser.post(&path, &fields).await;
                    if row.path == "/account/password" && page.status == StatusCode::SEE_OTHER {
                        // Back to the demo's password through the same session (which a
                        // password change keeps), so that the account signs in as before.
                        let back = browser
                            .post(
                                "/account/password",
                                &[
                                    ("current_password", OTHER_PASSWORD),
                                    ("new_password", PASSWORD),
                                ],
                            )
                            .await;
                        assert_eq!(back.status, StatusCode::SEE_OTHER, "{}", back.body);
                    }
                    page
                } else {
                    browser.get(&path).await
                };
                calls += 1;
                mismatches.extend(check_web(&row, *who, target, &page));
            }
        }
    }
    assert!(calls > 300, "the page matrix made {calls} calls");
    assert!(
        mismatches.is_empty(),
        "{} of {calls} page calls differ from the rules:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// What a refused form must leave alone: Germany's contacts and the subject's history.
async fn directory_snapshot(manager: &ApiClient, contact: i64) -> (Value, Value) {
    let entry = manager.get("/api/v1/states/DEU?include_retired=true").await;
    let history = manager
        .get(&format!("/api/v1/contacts/{contact}/history"))
        .await;
    assert_eq!(entry.status, StatusCode::OK);
    assert_eq!(history.status, StatusCode::OK);
    (entry.json["contacts"].clone(), history.json)
}

#[tokio::test]
async fn a_form_without_the_right_csrf_token_is_refused_and_changes_nothing() {
    let world = world().await;
    let app = &world.app;
    let coordinator = Browser::signed_in(app, "deu.coordinator").await;
    let manager = &world.clients["manager"];
    let contact = world.contact[&Target::Own];
    let victim = world.victim[&Target::Own].to_string();
    let contact_path = format!("/contacts/{contact}");
    let retire_path = format!("/contacts/{victim}/retire");
    let before = directory_snapshot(manager, contact).await;
    let new_contact = [
        ("kind", "policy"),
        ("name", "Forged"),
        ("organisation", "Nowhere"),
        ("email", "forged@example.org"),
        ("effective_on", "2027-01-10"),
    ];
    let forms: [(&str, &[(&str, &str)]); 4] = [
        ("/states/DEU/contacts", &new_contact),
        (contact_path.as_str(), &new_contact),
        (retire_path.as_str(), &[("effective_on", "2027-01-15")]),
        ("/states/DEU/confirm", &[]),
    ];
    for (path, fields) in forms {
        for csrf in [None, Some(""), Some("not-the-token")] {
            let mut form = fields.to_vec();
            if let Some(token) = csrf {
                form.push(("csrf", token));
            }
            let page = coordinator.post_raw(path, &form).await;
            assert_eq!(
                page.status,
                StatusCode::FORBIDDEN,
                "POST {path} with csrf {csrf:?}"
            );
            assert!(page.content_type.starts_with("text/html"), "POST {path}");
            assert!(
                page.body.contains("did not come from this site"),
                "POST {path}: the page says why"
            );
        }
    }
    assert_eq!(directory_snapshot(manager, contact).await, before);
    // The same form with the session's token goes through: the refusals above were the token's.
    let page = coordinator
        .post(&retire_path, &[("effective_on", "2027-01-15")])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_ne!(directory_snapshot(manager, contact).await, before);
}
