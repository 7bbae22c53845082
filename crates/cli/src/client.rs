//! The client commands: `liaison login` and `liaison checks …` (the channel's are in
//! `channel`), which talk to a Liaison server
//! over its JSON API (`--server URL`, a bearer token from `liaison login` in `--token` or
//! `LIAISON_TOKEN`). Problems the server reports are printed with their per-field details and
//! end with exit code 2; a server that cannot be reached or fails ends with exit code 1.

use crate::BadInput;
use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};
use liaison_types::Problem;
use liaison_types::checks::{
    AnswerReceipt, CheckDetail, CheckInput, CheckLevels, CheckSummary, ScopeKind,
};
use liaison_types::state::{Region, StateCode};
use serde::de::DeserializeOwned;
use std::io::{Read, Write};
use std::path::PathBuf;

#[derive(Args, Clone)]
pub struct Server {
    /// The Liaison server, e.g. https://liaison.example.org
    #[arg(long, env = "LIAISON_SERVER", default_value = "http://127.0.0.1:8080")]
    pub server: String,
}

#[derive(Args, Clone)]
pub struct Session {
    #[command(flatten)]
    pub server: Server,
    /// The API token from `liaison login` (base64url: it may begin with a dash).
    #[arg(
        long,
        env = "LIAISON_TOKEN",
        hide_env_values = true,
        allow_hyphen_values = true
    )]
    pub token: String,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LevelsArg {
    Policy,
    Technical,
    Both,
}

#[derive(Subcommand)]
pub enum ChecksCommand {
    /// Launches a communication check (network manager).
    Launch {
        #[command(flatten)]
        session: Session,
        /// A region instead of every participating State (e.g. central-asia).
        #[arg(long, conflicts_with = "states")]
        region: Option<String>,
        /// A list of participating States instead of all, e.g. DEU,FRA,AUT.
        #[arg(long, value_delimiter = ',')]
        states: Vec<String>,
        #[arg(long, value_enum, default_value = "both")]
        levels: LevelsArg,
        /// The response window of each challenge, 1 to 336 hours.
        #[arg(long, default_value_t = 24)]
        window_hours: u32,
        /// Send each challenge at a random moment within this many hours of the launch.
        #[arg(long, default_value_t = 0)]
        spread_hours: u32,
        /// The message sent with every challenge, in English.
        #[arg(long)]
        message: String,
    },
    /// The checks with their figures, or one check's results (`ID`).
    Status {
        #[command(flatten)]
        session: Session,
        id: Option<i64>,
    },
    /// Answers a challenge: with the token of its link, or with a signed reply that proves the
    /// contact's registered OpenPGP key (`--key` signs here; `--signed` sends a reply made with
    /// `gpg --clearsign`). No sign-in is needed.
    Answer {
        #[command(flatten)]
        server: Server,
        /// The challenge's token (the last part of the link in the email), or the whole link.
        #[arg(long, required_unless_present = "signed")]
        challenge: Option<String>,
        /// Sign the answer with this ASCII-armored OpenPGP secret key; its passphrase is read
        /// from LIAISON_KEY_PASSPHRASE (none when unset).
        #[arg(long, requires = "challenge", conflicts_with = "signed")]
        key: Option<PathBuf>,
        /// A cleartext-signed answer carrying the token (`-` for standard input).
        #[arg(long)]
        signed: Option<PathBuf>,
    },
    /// Writes a check's results as CSV (the rows your account may see).
    Export {
        #[command(flatten)]
        session: Session,
        id: i64,
        /// Output file; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// A JSON client of one server.
pub(crate) struct Client {
    http: reqwest::Client,
    base: String,
    token: Option<String>,
}

impl Client {
    pub(crate) fn new(server: &Server, token: Option<&str>) -> anyhow::Result<Client> {
        let base = server.server.trim_end_matches('/').to_owned();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(BadInput(format!(
                "--server must be an http:// or https:// address, not '{base}'"
            ))
            .into());
        }
        Ok(Client {
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(60))
                .build()?,
            base,
            token: token.map(str::to_owned),
        })
    }

    pub(crate) fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let builder = self.http.request(method, format!("{}{path}", self.base));
        match &self.token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    /// Sends a request and reads the answer's body, or turns a problem into an error.
    pub(crate) async fn send(&self, builder: reqwest::RequestBuilder) -> anyhow::Result<String> {
        let bytes = self.bytes(builder).await?;
        String::from_utf8(bytes).context("the server's answer is not UTF-8 text")
    }

    /// Sends a request and reads the answer's body as bytes (a PDF, say), or turns a problem
    /// into an error.
    pub(crate) async fn bytes(&self, builder: reqwest::RequestBuilder) -> anyhow::Result<Vec<u8>> {
        let response = builder
            .send()
            .await
            .with_context(|| format!("cannot reach the server at {}", self.base))?;
        let status = response.status();
        let body = response.bytes().await?.to_vec();
        if status.is_success() {
            return Ok(body);
        }
        let text = String::from_utf8_lossy(&body);
        let message = match serde_json::from_str::<Problem>(&text) {
            Ok(problem) => {
                let mut message = format!(
                    "{} ({}): {}",
                    problem.title,
                    status.as_u16(),
                    problem.detail
                );
                for (field, error) in &problem.errors {
                    message.push_str(&format!("\n  {field}: {error}"));
                }
                message
            }
            Err(_) => format!(
                "the server answered {status}: {}",
                text.chars().take(300).collect::<String>()
            ),
        };
        if status.is_client_error() {
            Err(BadInput(message).into())
        } else {
            Err(anyhow::anyhow!(message))
        }
    }

    pub(crate) async fn json<T: DeserializeOwned>(
        &self,
        builder: reqwest::RequestBuilder,
    ) -> anyhow::Result<T> {
        let text = self.send(builder).await?;
        serde_json::from_str(&text).context("the server's answer is not what this client expects")
    }
}

/// `liaison login`: prints an API token for the account; the password is read from standard
/// input.
pub async fn login(server: &Server, username: &str, totp: Option<&str>) -> anyhow::Result<()> {
    let mut password = String::new();
    std::io::stdin().read_to_string(&mut password)?;
    let password = password.trim_end_matches(['\r', '\n']);
    let client = Client::new(server, None)?;
    let body = serde_json::json!({ "username": username, "password": password, "totp": totp, "label": "liaison command line" });
    let answer: serde_json::Value = client
        .json(
            client
                .request(reqwest::Method::POST, "/api/v1/auth/login")
                .json(&body),
        )
        .await?;
    let token = answer["token"].as_str().unwrap_or_default();
    writeln!(std::io::stdout(), "{token}")?;
    Ok(())
}

pub(crate) fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn duration(seconds: Option<i64>) -> String {
    seconds
        .map(liaison_core::checks::chart::duration)
        .unwrap_or_else(|| "—".into())
}

fn print_summary(out: &mut impl Write, check: &CheckSummary) -> std::io::Result<()> {
    let f = &check.figures;
    let rate = f
        .response_rate_percent
        .map(|p| format!("{p} %"))
        .unwrap_or_else(|| "—".into());
    writeln!(
        out,
        "#{:<4} {}  {:<7} window {:>3} h  answered {}/{} ({rate})  on time {}  late {}  no answer {}  failed {}  pending {}  States reached {}/{}  median {}  p90 {}",
        check.id,
        check.launched_at.date(),
        if check.closed { "closed" } else { "open" },
        check.window_hours,
        f.answered,
        f.challenged,
        f.on_time,
        f.late,
        f.no_answer,
        f.delivery_failed,
        f.pending,
        f.states_reached,
        f.states_in_scope,
        duration(f.median_seconds),
        duration(f.p90_seconds),
    )
}

pub(crate) fn wire_name<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn print_detail(out: &mut impl Write, detail: &CheckDetail) -> std::io::Result<()> {
    print_summary(out, &detail.check)?;
    for state in &detail.states {
        let levels: Vec<String> = state
            .levels
            .iter()
            .map(|l| match l.challenged {
                0 => format!("{} no contact", l.level.as_str()),
                n => format!("{} {}/{n}", l.level.as_str(), l.on_time),
            })
            .collect();
        writeln!(
            out,
            "  {} {:<28} {:<11} {}",
            state.state,
            state.name,
            if state.reached {
                "reached"
            } else {
                "not reached"
            },
            levels.join("  ")
        )?;
    }
    for c in &detail.challenges {
        writeln!(
            out,
            "    {} {:<9} {:<36} {:<15} {:>8}{}",
            c.state,
            c.level.as_str(),
            c.contact_name,
            wire_name(c.outcome),
            duration(c.response_seconds),
            if c.key_verified { "  key-verified" } else { "" }
        )?;
    }
    Ok(())
}

/// The token in a challenge link, or the token itself.
fn token_of(challenge: &str) -> String {
    let trimmed = challenge.trim().trim_end_matches('/');
    trimmed.rsplit('/').next().unwrap_or(trimmed).to_owned()
}

fn read_file(path: &PathBuf) -> anyhow::Result<String> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        return Ok(text);
    }
    std::fs::read_to_string(path)
        .map_err(|e| BadInput(format!("cannot read {}: {e}", path.display())).into())
}

pub async fn checks(command: ChecksCommand) -> anyhow::Result<()> {
    match command {
        ChecksCommand::Launch {
            session,
            region,
            states,
            levels,
            window_hours,
            spread_hours,
            message,
        } => {
            let region = region
                .as_deref()
                .map(Region::parse)
                .transpose()
                .map_err(BadInput)?;
            let states: Vec<StateCode> = states
                .iter()
                .map(|s| StateCode::parse(s))
                .collect::<Result<_, _>>()
                .map_err(BadInput)?;
            let scope = match (&region, states.is_empty()) {
                (Some(_), _) => ScopeKind::Region,
                (None, false) => ScopeKind::States,
                (None, true) => ScopeKind::All,
            };
            let input = CheckInput {
                scope,
                region,
                states,
                levels: match levels {
                    LevelsArg::Policy => CheckLevels::Policy,
                    LevelsArg::Technical => CheckLevels::Technical,
                    LevelsArg::Both => CheckLevels::Both,
                },
                window_hours,
                spread_hours,
                message,
            };
            let client = Client::new(&session.server, Some(&session.token))?;
            let detail: CheckDetail = client
                .json(
                    client
                        .request(reqwest::Method::POST, "/api/v1/checks")
                        .json(&input),
                )
                .await?;
            writeln!(
                std::io::stdout(),
                "Launched check #{}: {} challenged, {} without a contact; it closes at {}.",
                detail.check.id,
                plural(detail.check.figures.challenged, "contact", "contacts"),
                plural(
                    detail.check.figures.no_contact,
                    "requested level",
                    "requested levels"
                ),
                rfc3339(detail.check.closes_at)
            )?;
        }
        ChecksCommand::Status { session, id } => {
            let client = Client::new(&session.server, Some(&session.token))?;
            match id {
                Some(id) => {
                    let detail: CheckDetail = client
                        .json(client.request(reqwest::Method::GET, &format!("/api/v1/checks/{id}")))
                        .await?;
                    print_detail(&mut std::io::stdout().lock(), &detail)?;
                }
                None => {
                    let page: liaison_types::Page<CheckSummary> = client
                        .json(client.request(reqwest::Method::GET, "/api/v1/checks"))
                        .await?;
                    let mut out = std::io::stdout().lock();
                    if page.items.is_empty() {
                        writeln!(out, "No communication checks yet.")?;
                    }
                    for check in &page.items {
                        print_summary(&mut out, check)?;
                    }
                }
            }
        }
        ChecksCommand::Answer {
            server,
            challenge,
            key,
            signed,
        } => {
            let client = Client::new(&server, None)?;
            let receipt: AnswerReceipt = match (challenge, key, signed) {
                (_, _, Some(path)) => {
                    let text = read_file(&path)?;
                    client
                        .json(
                            client
                                .request(reqwest::Method::POST, "/api/v1/checks/answer/signed")
                                .header("content-type", "text/plain; charset=utf-8")
                                .body(text),
                        )
                        .await?
                }
                (Some(challenge), Some(key), None) => {
                    let secret = read_file(&key)?;
                    let passphrase = std::env::var("LIAISON_KEY_PASSPHRASE").unwrap_or_default();
                    let signed = liaison_core::checks::signed::sign_answer(
                        &secret,
                        &passphrase,
                        &token_of(&challenge),
                    )
                    .map_err(|e| BadInput(e.to_string()))?;
                    client
                        .json(
                            client
                                .request(reqwest::Method::POST, "/api/v1/checks/answer/signed")
                                .json(&serde_json::json!({ "signed": signed })),
                        )
                        .await?
                }
                (Some(challenge), None, None) => {
                    client
                        .json(
                            client
                                .request(reqwest::Method::POST, "/api/v1/checks/answer")
                                .json(&serde_json::json!({ "token": token_of(&challenge) })),
                        )
                        .await?
                }
                (None, _, None) => {
                    return Err(BadInput("give --challenge TOKEN or --signed FILE".into()).into());
                }
            };
            writeln!(
                std::io::stdout(),
                "Answer recorded for {} ({} {}): {} after {}{}.",
                receipt.contact_name,
                receipt.state,
                receipt.level.as_str(),
                wire_name(receipt.outcome),
                duration(Some(receipt.response_seconds)),
                match &receipt.fingerprint {
                    Some(fingerprint) => format!(", key-verified with {fingerprint}"),
                    None => String::new(),
                }
            )?;
        }
        ChecksCommand::Export { session, id, out } => {
            let client = Client::new(&session.server, Some(&session.token))?;
            let text = client
                .send(client.request(
                    reqwest::Method::GET,
                    &format!("/api/v1/checks/{id}/results.csv"),
                ))
                .await?;
            match out {
                Some(path) => std::fs::write(&path, text)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => std::io::stdout().write_all(text.as_bytes())?,
            }
        }
    }
    Ok(())
}

/// `1 contact`, `3 contacts`.
fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn a_link_or_a_bare_token_gives_the_token() {
        let token = "A".repeat(43);
        assert_eq!(token_of(&token), token);
        assert_eq!(token_of(&format!(" {token}\n")), token);
        assert_eq!(
            token_of(&format!("https://liaison.example/checks/answer/{token}")),
            token
        );
        assert_eq!(
            token_of(&format!("https://liaison.example/checks/answer/{token}/")),
            token
        );
    }
}
