//! Who may do what, decided in one place. Every operation asks this module first and receives a
//! permit; the store's functions that read or change protected data take that permit, so an
//! operation cannot forget the check. Permits have private fields: only this module makes them.
//! The permits the server takes for itself, without a caller's rights, are all made in
//! [`system`].

use liaison_types::account::Role;
use liaison_types::id::AccountId;
use liaison_types::state::{State, StateCode};

pub mod system;

/// The authenticated caller of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub account_id: AccountId,
    pub username: String,
    pub role: Role,
    /// The State a coordinator or point of contact acts for.
    pub state: Option<StateCode>,
    /// Whether that State is a participating State (Partners' accounts see less).
    pub state_participating: bool,
    /// The directory contact a point of contact's account is (its challenges are answered in
    /// the app by this account).
    pub contact: Option<i64>,
}

impl Actor {
    /// Whether an account that signed in acts (the server's own work and the seeding of a
    /// network act with no account: id 0).
    pub fn is_account(&self) -> bool {
        self.account_id != AccountId(0)
    }

    /// The actor recorded for work the server does by itself (scheduler, offline CLI commands).
    pub fn system() -> Actor {
        Actor {
            account_id: AccountId(0),
            username: "system".to_owned(),
            role: Role::Manager,
            state: None,
            state_participating: false,
            contact: None,
        }
    }

    fn acts_for(&self, code: &StateCode) -> bool {
        self.role.belongs_to_state() && self.state.as_ref() == Some(code)
    }

    /// An account of a participating State (its coordinator or one of its points of contact).
    fn of_participating_state(&self) -> bool {
        self.role.belongs_to_state() && self.state_participating
    }
}

/// Refusal, with the reason shown to the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Denied(pub &'static str);

/// Permission to read one State's contact details.
#[derive(Debug, Clone)]
pub struct ReadContacts {
    state: StateCode,
}

impl ReadContacts {
    pub fn state(&self) -> &StateCode {
        &self.state
    }
}

/// Permission to change one State's directory entry.
#[derive(Debug, Clone)]
pub struct EditEntry {
    state: StateCode,
}

impl EditEntry {
    pub fn state(&self) -> &StateCode {
        &self.state
    }
}

/// Permission to read the directory overview (States and aggregate figures).
#[derive(Debug, Clone)]
pub struct ReadOverview(());

/// Permission to read the audit log.
#[derive(Debug, Clone)]
pub struct ReadAudit(());

/// Permission to create and change accounts.
#[derive(Debug, Clone)]
pub struct ManageAccounts(());

/// Permission to read an account by its name or id to check a password, a second factor or a
/// session: sign-in and session resolution, before there is a caller ([`system::sign_in`]).
#[derive(Debug, Clone)]
pub struct SignIn(());

/// Permission to read whom the server tells of an event (the coordinators' accounts and their
/// addresses) when it writes to them by itself ([`system::notify`]).
#[derive(Debug, Clone)]
pub struct Notify(());

mod sealed {
    pub trait Sealed {}
}

/// The permits that read one account: the manager's, and sign-in's.
pub trait ReadAccount: sealed::Sealed {}
impl sealed::Sealed for ManageAccounts {}
impl sealed::Sealed for SignIn {}
impl ReadAccount for ManageAccounts {}
impl ReadAccount for SignIn {}

/// Every signed-in account sees the list of States and their aggregate directory figures.
pub fn read_overview(_actor: &Actor) -> Result<ReadOverview, Denied> {
    Ok(ReadOverview(()))
}

/// Contact details are visible to the network manager, to the State's own accounts, and to the
/// accounts of any participating State for participating States' entries. Observers and auditors
/// see aggregate figures only; Partners' contacts are visible to the manager and themselves.
pub fn read_contacts(actor: &Actor, state: &State) -> Result<ReadContacts, Denied> {
    let allowed = actor.role == Role::Manager
        || actor.acts_for(&state.code)
        || (actor.of_participating_state() && state.status.is_participating());
    if allowed {
        Ok(ReadContacts {
            state: state.code.clone(),
        })
    } else {
        Err(Denied(
            "your account may see this State's aggregate figures only, not its contact details",
        ))
    }
}

/// Only the State's national coordinator changes its directory entry: the directory records what
/// each State notifies, so not even the network manager edits it.
pub fn edit_entry(actor: &Actor, state: &State) -> Result<EditEntry, Denied> {
    if actor.role == Role::Coordinator && actor.acts_for(&state.code) {
        Ok(EditEntry {
            state: state.code.clone(),
        })
    } else {
        Err(Denied(
            "only this State's national coordinator may change its directory entry",
        ))
    }
}

/// A contact's OpenPGP key is registered by the State's national coordinator, or by the point of
/// contact whose account is that contact (a key pair made with `liaison keys generate`): the
/// key is the contact's own, and the change is recorded as a new version like any other.
pub fn register_key(actor: &Actor, state: &State, contact_id: i64) -> Result<EditEntry, Denied> {
    let own_contact =
        actor.role == Role::Poc && actor.acts_for(&state.code) && actor.contact == Some(contact_id);
    if own_contact {
        return Ok(EditEntry {
            state: state.code.clone(),
        });
    }
    edit_entry(actor, state).map_err(|_| {
        Denied("only this State's national coordinator, or the contact itself, registers its key")
    })
}

/// The whole-directory export holds every State the actor may read, so it is offered to the
/// accounts that may read contact details at all.
pub fn export_directory(actor: &Actor) -> Result<ReadOverview, Denied> {
    if actor.role == Role::Manager || actor.role.belongs_to_state() {
        Ok(ReadOverview(()))
    } else {
        Err(Denied("your account may not export contact details"))
    }
}

/// The CSV import changes directory entries, so it is offered to national coordinators only;
/// each row is then checked with [`edit_entry`] against its State.
pub fn import_directory(actor: &Actor) -> Result<(), Denied> {
    if actor.role == Role::Coordinator {
        Ok(())
    } else {
        Err(Denied(
            "only a national coordinator imports directory files, for their own State",
        ))
    }
}

/// The independent auditor pages through the audit log and verifies it.
pub fn read_audit(actor: &Actor) -> Result<ReadAudit, Denied> {
    if actor.role == Role::Auditor {
        Ok(ReadAudit(()))
    } else {
        Err(Denied("only the auditor reads the audit log"))
    }
}

/// The network manager manages accounts.
pub fn manage_accounts(actor: &Actor) -> Result<ManageAccounts, Denied> {
    if actor.role == Role::Manager {
        Ok(ManageAccounts(()))
    } else {
        Err(Denied("only the network manager manages accounts"))
    }
}

/// Permission to change one's own account: its password, its sessions and tokens.
#[derive(Debug, Clone)]
pub struct OwnAccount {
    account_id: AccountId,
}

impl OwnAccount {
    pub fn account_id(&self) -> AccountId {
        self.account_id
    }
}

/// Every signed-in account changes its own password and ends its own sessions and tokens.
pub fn own_account(actor: &Actor) -> OwnAccount {
    OwnAccount {
        account_id: actor.account_id,
    }
}

/// What the details of an audit entry show a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditDetails {
    /// Everything recorded.
    Whole,
    /// Who did what and when, with a person's details (name, email, phone, notes…) as a hash:
    /// for readers who may not read the directory's contact details.
    PersonalHashed,
}

/// The auditor reads the log but not the directory's contact details (an observer's view of
/// the directory is aggregate figures only): personal fields in entries are hashed for it.
pub fn audit_details(permit: &ReadAudit, actor: &Actor) -> AuditDetails {
    let _ = permit;
    if actor.role == Role::Manager {
        AuditDetails::Whole
    } else {
        AuditDetails::PersonalHashed
    }
}

/// Permission to read communication checks (each caller then sees what [`check_results`]
/// allows of them).
#[derive(Debug, Clone)]
pub struct ReadChecks(());

/// Every signed-in account sees the list of checks and their aggregate figures: the health of
/// the network is no secret among its members.
pub fn read_checks(_actor: &Actor) -> Result<ReadChecks, Denied> {
    Ok(ReadChecks(()))
}

/// Permission to launch communication checks.
#[derive(Debug, Clone)]
pub struct LaunchCheck(());

/// Permission to record a challenge's answer. The proof is the answer's own (a one-time token,
/// a signature by the contact's key, or the account linked to the contact), checked by the
/// check's rules before anything is recorded ([`system::record_answer`]).
#[derive(Debug, Clone)]
pub struct AnswerCheck(());

/// Which results of communication checks a caller sees beyond the aggregate figures that every
/// signed-in account sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckResults {
    /// Every State's and every contact's results: the network manager.
    All,
    /// One State's results and its contacts' histories: that State's national coordinator.
    State(StateCode),
    /// One contact's own challenges and history: a point of contact linked to that contact.
    Contact(i64),
    /// The aggregate figures only: observers, auditors, other points of contact.
    AggregateOnly,
}

impl CheckResults {
    /// Whether a State's own results (reached or not, per level) are visible.
    pub fn sees_state(&self, state: &StateCode) -> bool {
        match self {
            CheckResults::All => true,
            CheckResults::State(own) => own == state,
            CheckResults::Contact(_) | CheckResults::AggregateOnly => false,
        }
    }

    /// Whether a contact's result in a check is visible.
    pub fn sees_contact(&self, state: &StateCode, contact: i64) -> bool {
        match self {
            CheckResults::Contact(own) => *own == contact,
            other => other.sees_state(state),
        }
    }
}

/// The network manager launches communication checks.
pub fn launch_check(actor: &Actor) -> Result<LaunchCheck, Denied> {
    if actor.role == Role::Manager {
        Ok(LaunchCheck(()))
    } else {
        Err(Denied(
            "only the network manager launches communication checks",
        ))
    }
}

/// What of the checks' results the actor sees (see [`CheckResults`]). Every signed-in account
/// sees the list of checks and their aggregate figures.
pub fn check_results(actor: &Actor) -> CheckResults {
    match (actor.role, &actor.state, actor.contact) {
        (Role::Manager, _, _) => CheckResults::All,
        (Role::Coordinator, Some(state), _) => CheckResults::State(state.clone()),
        (Role::Poc, Some(_), Some(contact)) => CheckResults::Contact(contact),
        _ => CheckResults::AggregateOnly,
    }
}

/// A contact's history of checks: the manager, the contact's State's coordinator, and the
/// contact itself.
pub fn read_check_history(
    actor: &Actor,
    state: &StateCode,
    contact: i64,
) -> Result<CheckResults, Denied> {
    let results = check_results(actor);
    if results.sees_contact(state, contact) {
        Ok(results)
    } else {
        Err(Denied(
            "a contact's check history is for the network manager, its State's coordinator and the contact",
        ))
    }
}

/// The CSV of a check's results holds the rows the actor may see; it is offered to those who
/// see more than the aggregate figures.
pub fn export_check_results(actor: &Actor) -> Result<CheckResults, Denied> {
    match check_results(actor) {
        CheckResults::AggregateOnly => Err(Denied(
            "your account sees the aggregate figures of checks only",
        )),
        other => Ok(other),
    }
}

/// Answering a challenge in the app: the point of contact whose account is linked to the
/// challenged contact. Whether it is this account's challenge is the rule of
/// `checks::answer` (a foreign challenge is refused there).
pub fn answer_in_app(actor: &Actor) -> Result<i64, Denied> {
    match (actor.role, actor.contact) {
        (Role::Poc | Role::Coordinator, Some(contact)) => Ok(contact),
        _ => Err(Denied(
            "only a point of contact whose account is linked to a directory contact answers challenges in the app",
        )),
    }
}

/// Permission to use the protected channel for one State: to read the threads it is a party to
/// and to send, reply, acknowledge and close in them as that State. Its national coordinator
/// and points of contact hold it; the network manager, observers and auditors do not (the
/// manager sees metadata statistics, [`channel_stats`]).
#[derive(Debug, Clone)]
pub struct UseChannel {
    state: StateCode,
}

impl UseChannel {
    pub fn state(&self) -> &StateCode {
        &self.state
    }
}

/// The accounts of a participating State use the protected channel for it.
pub fn use_channel(actor: &Actor) -> Result<UseChannel, Denied> {
    match &actor.state {
        Some(state) if actor.of_participating_state() => Ok(UseChannel {
            state: state.clone(),
        }),
        _ => Err(Denied(
            "the protected channel is for the national coordinators and points of contact of participating States",
        )),
    }
}

/// Permission to read the channel's metadata statistics.
#[derive(Debug, Clone)]
pub struct ChannelStats(());

/// The server's own duties in the channel, on envelopes only: delivering messages, marking them
/// delivered, escalating overdue legs ([`system::channel`]).
#[derive(Debug, Clone)]
pub struct ChannelDuty(());

/// The permits that change a request's envelope (its legs' times, its closing): a party State
/// acting in the thread, or the server's duties.
pub trait ChangeEnvelope: sealed::Sealed {}
impl sealed::Sealed for UseChannel {}
impl sealed::Sealed for ChannelDuty {}
impl ChangeEnvelope for UseChannel {}
impl ChangeEnvelope for ChannelDuty {}

/// The network manager sees how the channel is used (counts, times), never what is said.
pub fn channel_stats(actor: &Actor) -> Result<ChannelStats, Denied> {
    if actor.role == Role::Manager {
        Ok(ChannelStats(()))
    } else {
        Err(Denied(
            "the channel's statistics are for the network manager",
        ))
    }
}

/// What a party State may do in a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The State that sent the request: reply, close the request, escalate, give feedback.
    Sender,
    /// A recipient State: acknowledge, reply, close its own leg, give feedback.
    Recipient,
}

/// Whether the caller's State is a party to a request from `from` to `to`; a State that is not
/// is told the request does not exist (`None`), so ids reveal nothing.
pub fn party(permit: &UseChannel, from: &StateCode, to: &[StateCode]) -> Option<Party> {
    if permit.state() == from {
        Some(Party::Sender)
    } else if to.contains(permit.state()) {
        Some(Party::Recipient)
    } else {
        None
    }
}

/// Permission to read the directory's transparency log.
#[derive(Debug, Clone)]
pub struct ReadLog(());

/// Every signed-in account reads the transparency log, and so checks the operator: a leaf
/// holds a contact's id, State, version, kind and key fingerprint, and only a hash of the
/// person's details.
pub fn read_log(_actor: &Actor) -> Result<ReadLog, Denied> {
    Ok(ReadLog(()))
}

/// Permission to publish, for one State, the tree head the State verified.
#[derive(Debug, Clone)]
pub struct PublishVerification {
    state: StateCode,
}

impl PublishVerification {
    pub fn state(&self) -> &StateCode {
        &self.state
    }
}

/// A State's national coordinator speaks for it: the coordinator publishes the tree head the
/// State last verified.
pub fn publish_verification(actor: &Actor) -> Result<PublishVerification, Denied> {
    match &actor.state {
        Some(state) if actor.role == Role::Coordinator => Ok(PublishVerification {
            state: state.clone(),
        }),
        _ => Err(Denied(
            "a State's national coordinator publishes the tree head the State verified",
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// The annual information exchange (CBMs 1, 4, 6, 7, 9, 15).

/// Permission to open exchange cycles and circulate submissions.
#[derive(Debug, Clone)]
pub struct ManageExchange(());

/// The network manager opens exchange cycles and, where a cycle says so, circulates the
/// submissions.
pub fn manage_exchange(actor: &Actor) -> Result<ManageExchange, Denied> {
    if actor.role == Role::Manager {
        Ok(ManageExchange(()))
    } else {
        Err(Denied(
            "only the network manager opens exchange cycles and circulates submissions",
        ))
    }
}

/// Permission to read the exchange's cycles and their overview: which States submitted, on time
/// or late, and how complete each draft is, never a draft's content.
#[derive(Debug, Clone)]
pub struct ReadExchange(());

/// Every signed-in account sees the cycles and their overview.
pub fn read_exchange(_actor: &Actor) -> Result<ReadExchange, Denied> {
    Ok(ReadExchange(()))
}

/// Permission to read one State's draft (its content and versions).
#[derive(Debug, Clone)]
pub struct ReadDraft {
    state: StateCode,
}

impl ReadDraft {
    pub fn state(&self) -> &StateCode {
        &self.state
    }
}

/// A draft is private to its State: its coordinator and points of contact read it. Not even the
/// network manager reads it (the overview shows only that it exists and how complete it is).
pub fn read_draft(actor: &Actor, state: &StateCode) -> Result<ReadDraft, Denied> {
    if actor.acts_for(state) {
        Ok(ReadDraft {
            state: state.clone(),
        })
    } else {
        Err(Denied(
            "a draft is private to its State; other States read it once it is circulated",
        ))
    }
}

/// Permission to write one State's submission (draft, submit).
#[derive(Debug, Clone)]
pub struct EditSubmission {
    state: StateCode,
}

impl EditSubmission {
    pub fn state(&self) -> &StateCode {
        &self.state
    }
}

/// The State's national coordinator drafts and submits its consolidated input, for a
/// participating State.
pub fn edit_submission(actor: &Actor, state: &State) -> Result<EditSubmission, Denied> {
    if actor.role == Role::Coordinator
        && actor.acts_for(&state.code)
        && state.status.is_participating()
    {
        Ok(EditSubmission {
            state: state.code.clone(),
        })
    } else {
        Err(Denied(
            "only a participating State's national coordinator drafts and submits its input",
        ))
    }
}

/// Permission to read circulated submissions (every version, its inquiries as far as
/// [`read_inquiry`] allows).
#[derive(Debug, Clone)]
pub struct ReadCirculated(());

/// Circulated submissions are readable by every participating State's accounts and by the
/// network manager, who circulates them.
pub fn read_circulated(actor: &Actor) -> Result<ReadCirculated, Denied> {
    if actor.role == Role::Manager || actor.of_participating_state() {
        Ok(ReadCirculated(()))
    } else {
        Err(Denied(
            "circulated submissions are for the participating States and the network manager",
        ))
    }
}

/// The permits that change a submission's status: its State submitting it, the manager (or the
/// server) circulating it.
pub trait ChangeSubmission: sealed::Sealed {}
impl sealed::Sealed for EditSubmission {}
impl sealed::Sealed for ManageExchange {}
impl ChangeSubmission for EditSubmission {}
impl ChangeSubmission for ManageExchange {}

/// The permits that fetch a submission's files: its own State's (its draft), a reader's of
/// circulated documents. Which files are the operation's decision, made on the versions first.
pub trait ReadFiles: sealed::Sealed {}
impl sealed::Sealed for ReadDraft {}
impl sealed::Sealed for ReadCirculated {}
impl ReadFiles for ReadDraft {}
impl ReadFiles for ReadCirculated {}

/// Permission to take part in inquiries as one State.
#[derive(Debug, Clone)]
pub struct Inquire {
    state: StateCode,
}

impl Inquire {
    pub fn state(&self) -> &StateCode {
        &self.state
    }
}

/// A participating State's coordinator or point of contact raises an inquiry about another
/// State's circulated submission, or answers one about its own.
pub fn inquire(actor: &Actor) -> Result<Inquire, Denied> {
    match (&actor.state, actor.of_participating_state()) {
        (Some(state), true) => Ok(Inquire {
            state: state.clone(),
        }),
        _ => Err(Denied(
            "inquiries are raised and answered by participating States' accounts",
        )),
    }
}

/// Whether the actor reads an inquiry's thread: the two States it is between, and every reader
/// of circulated submissions once the submitting State made it public.
pub fn read_inquiry(
    actor: &Actor,
    asking: &StateCode,
    submitting: &StateCode,
    public: bool,
) -> bool {
    actor.acts_for(asking)
        || actor.acts_for(submitting)
        || (public && read_circulated(actor).is_ok())
}

/// Permission to decide who reads the inquiries about one State's submission.
#[derive(Debug, Clone)]
pub struct PublishInquiry(());

/// Only the submitting State's national coordinator makes an inquiry's thread public (or
/// private again).
pub fn publish_inquiry(actor: &Actor, submitting: &StateCode) -> Result<PublishInquiry, Denied> {
    if actor.role == Role::Coordinator && actor.acts_for(submitting) {
        Ok(PublishInquiry(()))
    } else {
        Err(Denied(
            "only the submitting State's national coordinator decides who reads an inquiry",
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use liaison_types::state::StateStatus;

    fn state(code: &str, status: StateStatus) -> State {
        State {
            code: StateCode::parse(code).unwrap(),
            alpha2: code[..2].to_owned(),
            name: code.to_owned(),
            status,
        }
    }

    fn actor(role: Role, state: Option<&str>, participating: bool) -> Actor {
        Actor {
            account_id: AccountId(1),
            username: "x".into(),
            role,
            state: state.map(|s| StateCode::parse(s).unwrap()),
            state_participating: participating,
            contact: None,
        }
    }

    #[test]
    fn exchange_matrix() {
        let deu = state("DEU", StateStatus::Participating);
        let jpn = state("JPN", StateStatus::PartnerAsian);
        let manager = actor(Role::Manager, None, false);
        let deu_coord = actor(Role::Coordinator, Some("DEU"), true);
        let deu_poc = actor(Role::Poc, Some("DEU"), true);
        let fra_coord = actor(Role::Coordinator, Some("FRA"), true);
        let jpn_coord = actor(Role::Coordinator, Some("JPN"), false);
        let observer = actor(Role::Observer, None, false);
        // Drafts: the State's own accounts only.
        assert!(read_draft(&deu_coord, &deu.code).is_ok());
        assert!(read_draft(&deu_poc, &deu.code).is_ok());
        assert!(read_draft(&fra_coord, &deu.code).is_err());
        assert!(read_draft(&manager, &deu.code).is_err());
        // Writing: the participating State's coordinator.
        assert!(edit_submission(&deu_coord, &deu).is_ok());
        assert!(edit_submission(&deu_poc, &deu).is_err());
        assert!(edit_submission(&fra_coord, &deu).is_err());
        assert!(edit_submission(&jpn_coord, &jpn).is_err());
        assert!(edit_submission(&manager, &deu).is_err());
        // Circulated: participating States and the manager.
        assert!(read_circulated(&manager).is_ok());
        assert!(read_circulated(&fra_coord).is_ok());
        assert!(read_circulated(&jpn_coord).is_err());
        assert!(read_circulated(&observer).is_err());
        assert!(manage_exchange(&manager).is_ok());
        assert!(manage_exchange(&deu_coord).is_err());
        // Inquiries: between the two States, public when the submitting State says so.
        let fra = StateCode::parse("FRA").unwrap();
        let ita = actor(Role::Poc, Some("ITA"), true);
        assert!(inquire(&fra_coord).is_ok());
        assert!(inquire(&jpn_coord).is_err());
        assert!(inquire(&manager).is_err());
        assert!(read_inquiry(&fra_coord, &fra, &deu.code, false));
        assert!(read_inquiry(&deu_poc, &fra, &deu.code, false));
        assert!(!read_inquiry(&ita, &fra, &deu.code, false));
        assert!(read_inquiry(&ita, &fra, &deu.code, true));
        assert!(!read_inquiry(&observer, &fra, &deu.code, true));
        assert!(publish_inquiry(&deu_coord, &deu.code).is_ok());
        assert!(publish_inquiry(&deu_poc, &deu.code).is_err());
        assert!(publish_inquiry(&fra_coord, &deu.code).is_err());
    }

    #[test]
    fn contact_details_matrix() {
        let deu = state("DEU", StateStatus::Participating);
        let jpn = state("JPN", StateStatus::PartnerAsian);
        // (actor, target, may read)
        let cases = [
            (actor(Role::Manager, None, false), &deu, true),
            (actor(Role::Manager, None, false), &jpn, true),
            (actor(Role::Coordinator, Some("FRA"), true), &deu, true),
            (actor(Role::Coordinator, Some("FRA"), true), &jpn, false),
            (actor(Role::Poc, Some("FRA"), true), &deu, true),
            (actor(Role::Poc, Some("JPN"), false), &deu, false),
            (actor(Role::Poc, Some("JPN"), false), &jpn, true),
            (actor(Role::Observer, None, false), &deu, false),
            (actor(Role::Auditor, None, false), &deu, false),
        ];
        for (who, target, expected) in cases {
            assert_eq!(
                read_contacts(&who, target).is_ok(),
                expected,
                "{who:?} reading {}",
                target.code
            );
        }
    }

    #[test]
    fn check_results_matrix() {
        let deu = StateCode::parse("DEU").unwrap();
        let fra = StateCode::parse("FRA").unwrap();
        let mut linked = actor(Role::Poc, Some("DEU"), true);
        linked.contact = Some(7);
        // (actor, sees DEU, sees FRA, sees DEU contact 7, sees DEU contact 8, may launch)
        let cases = [
            (
                actor(Role::Manager, None, false),
                true,
                true,
                true,
                true,
                true,
            ),
            (
                actor(Role::Coordinator, Some("DEU"), true),
                true,
                false,
                true,
                true,
                false,
            ),
            (linked, false, false, true, false, false),
            (
                actor(Role::Poc, Some("DEU"), true),
                false,
                false,
                false,
                false,
                false,
            ),
            (
                actor(Role::Observer, None, false),
                false,
                false,
                false,
                false,
                false,
            ),
            (
                actor(Role::Auditor, None, false),
                false,
                false,
                false,
                false,
                false,
            ),
        ];
        for (who, own, other, mine, theirs, launch) in cases {
            let results = check_results(&who);
            assert_eq!(results.sees_state(&deu), own, "{who:?}");
            assert_eq!(results.sees_state(&fra), other, "{who:?}");
            assert_eq!(results.sees_contact(&deu, 7), mine, "{who:?}");
            assert_eq!(results.sees_contact(&deu, 8), theirs, "{who:?}");
            assert_eq!(read_check_history(&who, &deu, 7).is_ok(), mine, "{who:?}");
            assert_eq!(launch_check(&who).is_ok(), launch, "{who:?}");
            assert_eq!(
                export_check_results(&who).is_ok(),
                results != CheckResults::AggregateOnly,
                "{who:?}"
            );
        }
    }

    #[test]
    fn only_own_coordinator_edits() {
        let deu = state("DEU", StateStatus::Participating);
        assert!(edit_entry(&actor(Role::Coordinator, Some("DEU"), true), &deu).is_ok());
        assert!(edit_entry(&actor(Role::Coordinator, Some("FRA"), true), &deu).is_err());
        assert!(edit_entry(&actor(Role::Poc, Some("DEU"), true), &deu).is_err());
        assert!(edit_entry(&actor(Role::Manager, None, false), &deu).is_err());
    }
}
