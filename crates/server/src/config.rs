//! Server configuration: built once at start-up (TOML file overridden by `LIAISON_*`
//! environment variables, see the CLI) and passed down; nothing reads configuration globally.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Config {
    /// `sqlite://PATH` or `postgres://USER@HOST/DB`.
    pub database_url: String,
    /// Address to listen on.
    pub listen: String,
    /// The address users reach the server at; links in emails start with it. An `https` URL
    /// also marks cookies `Secure`.
    pub public_url: String,
    /// Require a TOTP second factor for every account.
    pub require_totp: bool,
    /// Hours a browser session lives.
    pub session_hours: i64,
    /// Hours an API token lives (listed on its account's page, revocable there).
    pub token_hours: i64,
    /// Failed logins allowed per account and per client address per minute.
    pub login_attempts_per_minute: u32,
    /// Run the scheduler and the delivery worker in this process.
    pub jobs: bool,
    /// Seconds between two scheduler runs (reminders).
    pub scheduler_interval_secs: u64,
    /// Seconds between two delivery runs of the outbox.
    pub delivery_interval_secs: u64,
    pub smtp: SmtpConfig,
    pub channel: ChannelConfig,
    pub security: SecurityConfig,
    pub pdf: PdfConfig,
}

/// How documents are typeset as PDF.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct PdfConfig {
    /// The `liaison` binary that typesets in a process of its own (`liaison typeset`), with the
    /// limits below; `liaison serve` and `liaison demo` use themselves when it is empty. Empty
    /// in a server embedded elsewhere (the tests): typesetting then runs in the server's process.
    pub typesetter: String,
    /// The address space the typesetting process may use, in MiB.
    pub max_memory_mib: u64,
    /// The CPU time it may use, in seconds (the server stops waiting after twice as long).
    pub max_cpu_seconds: u64,
}

impl Default for PdfConfig {
    fn default() -> Self {
        PdfConfig {
            typesetter: String::new(),
            max_memory_mib: 2048,
            max_cpu_seconds: 60,
        }
    }
}

/// How to report a vulnerability: served as `/.well-known/security.txt` (RFC 9116).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(default)]
pub struct SecurityConfig {
    /// Where to report: `mailto:` or `https:` URIs (at least one for the file to be served).
    pub contact: Vec<String>,
    /// The encryption key to use for reports (an `https:` URI or `openpgp4fpr:`), if any.
    pub encryption: String,
    /// The policy page, if any.
    pub policy: String,
    /// Languages reports may be written in (ISO 639-1).
    pub preferred_languages: Vec<String>,
    /// Days the published file stays valid (RFC 9116 requires an expiry within a year).
    pub expires_days: i64,
}

/// The protected channel's limits and deadlines.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct ChannelConfig {
    /// The largest OpenPGP message (binary size) a request or reply may carry, attachments
    /// included; a larger one is refused with 413 and nothing is stored.
    pub max_message_bytes: usize,
    /// Hours to acknowledge a routine, a priority and an urgent request.
    pub acknowledge_hours_routine: i64,
    pub acknowledge_hours_priority: i64,
    pub acknowledge_hours_urgent: i64,
    /// Messages (requests and replies) one State may send in a day; more are refused with 429.
    pub messages_per_day: usize,
    /// MiB of messages one State may send in a day; more are refused with 429.
    pub mib_per_day: u64,
}

impl Default for ChannelConfig {
    fn default() -> Self {
        ChannelConfig {
            max_message_bytes: 10 * 1024 * 1024,
            acknowledge_hours_routine: 72,
            acknowledge_hours_priority: 24,
            acknowledge_hours_urgent: 2,
            messages_per_day: liaison_core::channel::request::MAX_SENT_PER_DAY,
            mib_per_day: liaison_core::channel::request::MAX_SENT_BYTES_PER_DAY / (1024 * 1024),
        }
    }
}

impl ChannelConfig {
    /// What one State may send in a day.
    pub fn budget(&self) -> liaison_core::channel::request::DailyBudget {
        liaison_core::channel::request::DailyBudget {
            messages: self.messages_per_day,
            bytes: self.mib_per_day.saturating_mul(1024 * 1024),
        }
    }

    pub fn deadlines(&self) -> liaison_core::channel::request::Deadlines {
        liaison_core::channel::request::Deadlines {
            routine: time::Duration::hours(self.acknowledge_hours_routine.max(1)),
            priority: time::Duration::hours(self.acknowledge_hours_priority.max(1)),
            urgent: time::Duration::hours(self.acknowledge_hours_urgent.max(1)),
        }
    }

    /// The largest request body the channel's routes read: an armored message of the largest
    /// size, with room for the envelope's fields.
    pub fn max_body_bytes(&self) -> usize {
        self.max_message_bytes / 3 * 4 + self.max_message_bytes / 32 + 64 * 1024
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    /// `none` (plain, for a local relay), `starttls` or `tls`.
    pub security: String,
    pub username: String,
    pub password: String,
    /// The sender address of notifications.
    pub from: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://liaison.db".into(),
            listen: "127.0.0.1:8080".into(),
            public_url: "http://127.0.0.1:8080".into(),
            require_totp: false,
            session_hours: 12,
            token_hours: 168,
            login_attempts_per_minute: 10,
            jobs: true,
            scheduler_interval_secs: 3600,
            delivery_interval_secs: 10,
            smtp: SmtpConfig::default(),
            channel: ChannelConfig::default(),
            security: SecurityConfig {
                expires_days: 180,
                ..SecurityConfig::default()
            },
            pdf: PdfConfig::default(),
        }
    }
}

impl Default for SmtpConfig {
    fn default() -> Self {
        SmtpConfig {
            host: "127.0.0.1".into(),
            port: 25,
            security: "none".into(),
            username: String::new(),
            password: String::new(),
            from: "Liaison <liaison@localhost>".into(),
        }
    }
}

impl Config {
    /// Whether the server is reached over HTTPS: cookies are then `Secure` and responses carry
    /// HSTS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .trim()
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::Config;

    #[test]
    fn https_is_recognised_in_any_case() {
        for (url, secure) in [
            ("https://liaison.example.org", true),
            ("HTTPS://liaison.example.org", true),
            (" Https://x.example ", true),
            ("http://127.0.0.1:8080", false),
            ("httpsx", false),
            ("", false),
        ] {
            let config = Config {
                public_url: url.into(),
                ..Config::default()
            };
            assert_eq!(config.secure_cookies(), secure, "{url}");
        }
    }
}
