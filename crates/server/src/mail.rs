//! Mail delivery over SMTP (lettre): the delivery worker hands each claimed outbox message to
//! the configured relay.

use crate::config::SmtpConfig;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use liaison_store::outbox::Queued;

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(config: &SmtpConfig) -> Result<Mailer, String> {
        let builder = match config.security.as_str() {
            "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host),
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)
                .map_err(|e| e.to_string())?,
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host)
                .map_err(|e| e.to_string())?,
            other => {
                return Err(format!(
                    "smtp.security must be none, starttls or tls, not '{other}'"
                ));
            }
        };
        let mut builder = builder
            .port(config.port)
            .timeout(Some(std::time::Duration::from_secs(20)));
        if !config.username.is_empty() {
            builder = builder.credentials(Credentials::new(
                config.username.clone(),
                config.password.clone(),
            ));
        }
        let from = config
            .from
            .parse::<Mailbox>()
            .map_err(|e| format!("smtp.from '{}': {e}", config.from))?;
        Ok(Mailer {
            transport: builder.build(),
            from,
        })
    }

    /// Sends one queued message, its secret put in place; the error text is recorded against it.
    pub async fn send(&self, message: &Queued) -> Result<(), SendError> {
        let to = message
            .recipient
            .parse::<Mailbox>()
            .map_err(|e| SendError {
                text: format!("recipient '{}': {e}", message.recipient),
                permanent: true,
            })?;
        let body = liaison_core::outbox::body_to_send(&message.body, message.secret.as_deref());
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .header(lettre::message::header::MessageId::from(format!(
                "<outbox-{}@liaison>",
                message.id
            )))
            .body(body)
            .map_err(|e| SendError {
                text: e.to_string(),
                permanent: true,
            })?;
        self.transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| SendError {
                text: e.to_string(),
                permanent: e.is_permanent(),
            })
    }
}

/// Why a message was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    pub text: String,
    /// The relay refused the message for good (a 5xx reply such as "no such user", or a message
    /// that cannot be built): retrying cannot help.
    pub permanent: bool,
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}
