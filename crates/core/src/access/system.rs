//! The permits the server takes for itself: the work it does without a caller (sign-in before
//! there is an account, the scheduler, the delivery workers, the renderers) and the operator's
//! offline commands on the server host (`liaison admin`, `liaison directory import`), which are
//! audited as the system. Every door that opens without an actor's rights is in this one page.

use super::{
    AnswerCheck, ChannelDuty, EditEntry, LaunchCheck, ManageAccounts, ManageExchange, Notify,
    ReadChecks, ReadCirculated, ReadContacts, ReadExchange, ReadLog, ReadOverview, SignIn,
};
use liaison_types::state::State;

/// Sign-in reads the account named in the form, and every request reads the account its
/// session or token belongs to.
pub fn sign_in() -> SignIn {
    SignIn(())
}

/// The server reads whom to tell (coordinators' accounts) when it writes by itself: a cycle
/// opened, a document circulated, an inquiry raised, a directory reminder due.
pub fn notify() -> Notify {
    Notify(())
}

/// The operator manages accounts from the command line (`liaison admin`), without an account.
pub fn manage_accounts() -> ManageAccounts {
    ManageAccounts(())
}

/// Offline commands run by the operator on the server host (`liaison directory import`), and
/// the server's own reminders, change directory entries as the system.
pub fn edit_entry(state: &State) -> EditEntry {
    EditEntry {
        state: state.code.clone(),
    }
}

/// The server reads every entry for its own work: reminders, checks' recipients, the
/// transparency log, linking an account to a contact, the operator's commands.
pub fn read_contacts(state: &State) -> ReadContacts {
    ReadContacts {
        state: state.code.clone(),
    }
}

/// The scheduler reads the whole directory's figures (reminders, checks' recipients).
pub fn read_overview() -> ReadOverview {
    ReadOverview(())
}

/// Answering by a challenge's one-time link or with a signed reply needs no account: the token
/// (and the signature) is the proof. The challenge is read with this permit.
pub fn answer_with_token() -> ReadChecks {
    ReadChecks(())
}

/// An answer whose proof the check's rules accepted is recorded by the server (the token, the
/// signature or the linked account is the proof, not a role).
pub fn record_answer() -> AnswerCheck {
    AnswerCheck(())
}

/// The scheduler reads the checks it reminds and the delivery worker the challenges it sent.
pub fn read_checks() -> ReadChecks {
    ReadChecks(())
}

/// The scheduler sends a check's reminders (new tokens) and the delivery worker records a
/// challenge that could not be delivered.
pub fn run_checks() -> LaunchCheck {
    LaunchCheck(())
}

/// The scheduler escalates overdue requests of every State and the delivery worker marks them
/// delivered: the server acting by itself, on envelopes only.
pub fn channel() -> ChannelDuty {
    ChannelDuty(())
}

/// The server itself appends to and checks its log (directory changes, `liaison audit verify`).
pub fn log() -> ReadLog {
    ReadLog(())
}

/// The work the server does by itself in the exchange (circulating on submission).
pub fn manage_exchange() -> ManageExchange {
    ManageExchange(())
}

/// The server's own reading of the exchange (a cycle's and a submission's state while it
/// writes, the renderer's and the metrics' pass over stored texts).
pub fn read_exchange() -> ReadExchange {
    ReadExchange(())
}

/// The server's reading of a submission's earlier documents while it circulates the next.
pub fn read_circulated() -> ReadCirculated {
    ReadCirculated(())
}
