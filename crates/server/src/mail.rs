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
    /// A message that carries a protected-channel message is sent as PGP/MIME with `encrypted`,
    /// that message's armored ciphertext.
    pub async fn send(&self, message: &Queued, encrypted: Option<&str>) -> Result<(), SendError> {
        let to = message
            .recipient
            .parse::<Mailbox>()
            .map_err(|e| SendError {
                text: format!("recipient '{}': {e}", message.recipient),
                permanent: true,
            })?;
        let builder = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .header(lettre::message::header::MessageId::from(format!(
                "<outbox-{}@liaison>",
                message.id
            )));
        let built = match encrypted {
            Some(armored) => pgp_mime(builder, &message.body, armored),
            None => builder
                .header(ContentType::TEXT_PLAIN)
                .body(liaison_core::outbox::body_to_send(
                    &message.body,
                    message.secret.as_deref(),
                ))
                .map_err(|e| e.to_string()),
        };
        let email = built.map_err(|text| SendError {
            text,
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

/// An RFC 3156 PGP/MIME message: `multipart/encrypted` with the version part and the armored
/// ciphertext, which any OpenPGP mail client decrypts. The thread's link goes in a header.
fn pgp_mime(
    builder: lettre::message::MessageBuilder,
    link: &str,
    armored: &str,
) -> Result<lettre::Message, String> {
    use lettre::message::header::{ContentDisposition, HeaderName, HeaderValue};
    use lettre::message::{MultiPart, SinglePart};
    let version = SinglePart::builder()
        .header(ContentType::parse("application/pgp-encrypted").map_err(|e| e.to_string())?)
        .body("Version: 1\r\n".to_owned());
    let payload = SinglePart::builder()
        .header(
            ContentType::parse("application/octet-stream; name=\"encrypted.asc\"")
                .map_err(|e| e.to_string())?,
        )
        .header(ContentDisposition::inline_with_name("encrypted.asc"))
        .body(armored.to_owned());
    let body = MultiPart::encrypted("application/pgp-encrypted".to_owned())
        .singlepart(version)
        .singlepart(payload);
    let mut builder = builder;
    if let Ok(name) = HeaderName::new_from_ascii("X-Liaison-Thread".to_owned()) {
        builder = builder.raw_header(HeaderValue::new(name, link.trim().to_owned()));
    }
    builder.multipart(body).map_err(|e| e.to_string())
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
