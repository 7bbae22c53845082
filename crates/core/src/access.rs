//! Who may do what, decided in one place. Every operation asks this module first and receives a
//! permit; the store's functions that read or change protected data take that permit, so an
//! operation cannot forget the check. Permits have private fields: only this module makes them.

use liaison_types::account::Role;
use liaison_types::state::{State, StateCode};

/// The authenticated caller of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub account_id: i64,
    pub username: String,
    pub role: Role,
    /// The State a coordinator or point of contact acts for.
    pub state: Option<StateCode>,
    /// Whether that State is a participating State (Partners' accounts see less).
    pub state_participating: bool,
}

impl Actor {
    /// The actor recorded for work the server does by itself (scheduler, offline CLI commands).
    pub fn system() -> Actor {
        Actor {
            account_id: 0,
            username: "system".to_owned(),
            role: Role::Manager,
            state: None,
            state_participating: false,
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

/// Offline commands run by the operator on the server host (`liaison directory import`) act as
/// the system. They are audited as such.
pub fn operator_edit_entry(state: &State) -> EditEntry {
    EditEntry {
        state: state.code.clone(),
    }
}

/// Offline commands run by the operator on the server host read everything.
pub fn operator_read_contacts(state: &State) -> ReadContacts {
    ReadContacts {
        state: state.code.clone(),
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
            account_id: 1,
            username: "x".into(),
            role,
            state: state.map(|s| StateCode::parse(s).unwrap()),
            state_participating: participating,
        }
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
    fn only_own_coordinator_edits() {
        let deu = state("DEU", StateStatus::Participating);
        assert!(edit_entry(&actor(Role::Coordinator, Some("DEU"), true), &deu).is_ok());
        assert!(edit_entry(&actor(Role::Coordinator, Some("FRA"), true), &deu).is_err());
        assert!(edit_entry(&actor(Role::Poc, Some("DEU"), true), &deu).is_err());
        assert!(edit_entry(&actor(Role::Manager, None, false), &deu).is_err());
    }
}
