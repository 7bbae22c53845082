//! The mail the server writes. Each is a template, `templates/mail/<name>.txt`, rendered with
//! the catalogue in its recipient's language: its first line is the subject, the rest the body.
//! Writing to States' national coordinators goes through [`notify_coordinators`].

use crate::error::AppResult;
use liaison_core::access;
use liaison_core::outbox::Message;
use liaison_store::Tx;
use liaison_store::account::Account;
use liaison_types::state::StateCode;
use minijinja::Value;
use time::OffsetDateTime;

/// The server's address as mail links start with (`public_url` without a trailing slash).
pub fn public_url(ctx: &super::Ctx) -> &str {
    ctx.config.public_url.trim_end_matches('/')
}

/// A mail to write: its template, what it says, and its kind (the outbox's label).
pub struct Letter<'a> {
    pub template: &'a str,
    pub kind: &'static str,
    pub values: Value,
}

impl Letter<'_> {
    /// The mail to `to`, in `lang`.
    pub fn to(&self, to: &str, lang: &str) -> AppResult<Message> {
        let lang = crate::i18n::supported(lang);
        let (subject, body) =
            crate::templates::shared()?.letter(self.template, lang, &self.values)?;
        Ok(Message {
            to: to.to_owned(),
            subject,
            body,
            kind: self.kind.into(),
            secret: None,
            carries: None,
        })
    }
}

/// Whose national coordinators are written to.
#[derive(Debug, Clone, Copy)]
pub enum Coordinators<'a> {
    /// One State's.
    Of(&'a StateCode),
    /// Every participating State's.
    OfParticipatingStates,
}

/// The active coordinators' accounts of `whose`.
pub async fn coordinators(tx: &mut Tx, whose: Coordinators<'_>) -> AppResult<Vec<Account>> {
    let permit = access::system::notify();
    Ok(match whose {
        Coordinators::Of(state) => liaison_store::account::coordinators(tx, &permit, state).await?,
        Coordinators::OfParticipatingStates => {
            liaison_store::account::participating_coordinators(tx, &permit).await?
        }
    })
}

/// Queues `letter` to each of `accounts` in the account's language; how many were queued.
pub async fn send_each(
    tx: &mut Tx,
    accounts: &[Account],
    letter: &Letter<'_>,
    now: OffsetDateTime,
) -> AppResult<u32> {
    let mut queued = 0;
    for account in accounts {
        let message = letter.to(&account.email, &account.locale)?;
        liaison_store::outbox::enqueue(tx, &message, now).await?;
        queued += 1;
    }
    Ok(queued)
}

/// Queues `letter` to each active coordinator of `whose`, in the coordinator's language; how
/// many were queued.
pub async fn notify_coordinators(
    tx: &mut Tx,
    whose: Coordinators<'_>,
    letter: &Letter<'_>,
    now: OffsetDateTime,
) -> AppResult<u32> {
    let accounts = coordinators(tx, whose).await?;
    send_each(tx, &accounts, letter, now).await
}
