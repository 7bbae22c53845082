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
    /// Hours a browser session or API token lives.
    pub session_hours: i64,
    /// Failed logins allowed per account and per client address per minute.
    pub login_attempts_per_minute: u32,
    /// Run the scheduler and the delivery worker in this process.
    pub jobs: bool,
    /// Seconds between two scheduler runs (reminders).
    pub scheduler_interval_secs: u64,
    /// Seconds between two delivery runs of the outbox.
    pub delivery_interval_secs: u64,
    pub smtp: SmtpConfig,
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
            login_attempts_per_minute: 10,
            jobs: true,
            scheduler_interval_secs: 3600,
            delivery_interval_secs: 10,
            smtp: SmtpConfig::default(),
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
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}
