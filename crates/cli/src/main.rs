//! The `liaison` binary: the server (`serve`, `demo`), database migration, the operator's
//! offline commands (`admin`, `directory`, `audit`) that run against the database directly, and
//! the client commands (`login`, `checks`, `exchange`, `verify`, and the protected channel's `keys`, `send`, `inbox`,
//! `read`, `reply`, `ack`, `close`) that talk to a server over its API.

mod channel;
mod client;
mod exchange;
mod verify;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use liaison_core::clock::SystemClock;
use liaison_server::config::Config;
use liaison_server::{AppState, demo, ops};
use liaison_store::Store;
use liaison_types::account::Role;
use liaison_types::state::StateCode;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "liaison",
    version,
    about = "The OSCE cyber/ICT confidence-building measures, operated."
)]
struct Cli {
    /// How log lines are written on standard error: `text` (coloured only on a terminal) or
    /// `json` (one object per line, for log shipping in production).
    #[arg(
        long,
        env = "LIAISON_LOG_FORMAT",
        global = true,
        value_enum,
        default_value = "text"
    )]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

/// Logs on standard error, filtered by `LIAISON_LOG`.
fn init_logs(format: LogFormat) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_env("LIAISON_LOG")
        .unwrap_or_else(|_| "info,sqlx=warn,pgp=error".into());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => logs.with_ansi(std::io::stderr().is_terminal()).init(),
        LogFormat::Json => logs.json().with_current_span(false).init(),
    }
}

#[derive(clap::Args, Clone)]
struct Db {
    /// Configuration file (TOML); `LIAISON_*` environment variables override it.
    #[arg(long, env = "LIAISON_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// Database URL (sqlite://PATH or postgres://…), overriding the configuration.
    #[arg(long, env = "LIAISON_DATABASE_URL", global = true)]
    database: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Typesets Typst source from standard input into a PDF on standard output, within the
    /// given memory and CPU time: the process the server starts for each PDF, so that a
    /// document too complex to lay out stops it, not the server.
    #[command(hide = true)]
    Typeset {
        #[arg(long, default_value_t = 2048)]
        max_memory_mib: u64,
        #[arg(long, default_value_t = 60)]
        max_cpu_seconds: u64,
    },
    /// Runs the server on an embedded SQLite database with demo data and prints the logins.
    Demo {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Folder of the demo database (created and seeded when empty).
        #[arg(long, default_value = "liaison-data")]
        data: PathBuf,
        /// A database to run the demo on instead (postgres://… or sqlite://…; seeded when
        /// empty), e.g. to try or benchmark PostgreSQL.
        #[arg(long, value_name = "URL")]
        database: Option<String>,
        /// SMTP relay for notifications, HOST:PORT (plain SMTP). Without it, mail waits in the outbox.
        #[arg(long)]
        smtp: Option<String>,
    },
    /// Runs the server with a configuration file.
    Serve {
        #[command(flatten)]
        db: Db,
    },
    /// Prints the API's OpenAPI 3.1 document (the contract `/api/openapi.json` serves), for
    /// client generators; `docs/openapi.json` is this output, committed.
    Openapi,
    /// Creates or updates the database schema and the list of States.
    Migrate {
        #[command(flatten)]
        db: Db,
    },
    /// Account administration by the operator.
    Admin {
        #[command(flatten)]
        db: Db,
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Directory export and import.
    Directory {
        #[command(flatten)]
        db: Db,
        #[command(subcommand)]
        command: DirectoryCommand,
    },
    /// The audit log.
    Audit {
        #[command(flatten)]
        db: Db,
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Prints an API token for an account of a server (the password is read from standard
    /// input), for `--token` or LIAISON_TOKEN.
    Login {
        #[command(flatten)]
        server: client::Server,
        #[arg(long)]
        username: String,
        /// The six-digit code, when the account has TOTP on.
        #[arg(long)]
        totp: Option<String>,
    },
    /// Communication checks on a server: launch, status, answer, export.
    Checks {
        #[command(subcommand)]
        command: client::ChecksCommand,
    },
    /// The annual information exchange on a server: open a cycle, its status, import a draft
    /// from a folder of Markdown files, submit, export a circulated submission (PDF, HTML, JSON).
    Exchange {
        #[command(subcommand)]
        command: exchange::ExchangeCommand,
    },
    /// Your OpenPGP key pair for the protected channel: generate, import, show, register; and
    /// the key set of a request, for GnuPG.
    Keys {
        #[command(subcommand)]
        command: channel::KeysCommand,
    },
    /// Sends a protected request: subject, body and attachments encrypted here to the key set.
    Send(channel::SendArgs),
    /// The requests your State sent and received, with each recipient State's status.
    Inbox {
        #[command(flatten)]
        session: client::Session,
    },
    /// Shows a request's thread, decrypted here with your key pair.
    Read(channel::ReadArgs),
    /// Replies in a request's thread, encrypted here to the thread's key set.
    Reply(channel::ReplyArgs),
    /// Checks the server's directory against its transparency log with a pinned log key: the
    /// signed tree head, its consistency with the last one seen (kept in --state) and the
    /// inclusion of every current contact read; `--monitor` replays the whole log. Exit code 1
    /// on any inconsistency.
    Verify(verify::VerifyArgs),
    /// Acknowledges a request your State received.
    Ack {
        #[command(flatten)]
        session: client::Session,
        id: i64,
    },
    /// Closes a request (your State's leg, or the whole request if your State sent it).
    Close {
        #[command(flatten)]
        session: client::Session,
        id: i64,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Creates an account; the password is read from standard input.
    CreateAccount {
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: String,
        #[arg(long)]
        email: String,
        /// manager, coordinator, poc, observer or auditor
        #[arg(long)]
        role: String,
        /// ISO 3166 alpha-3 code, for coordinators and points of contact.
        #[arg(long)]
        state: Option<String>,
        #[arg(long, default_value = "en")]
        locale: String,
        /// For a point of contact: the id of its own directory contact, so that it answers
        /// communication checks in the app.
        #[arg(long)]
        contact: Option<i64>,
    },
    /// Lists accounts.
    ListAccounts,
    /// Changes an account: `show`, `disable`, `enable`, `reset-password` (the new password
    /// from standard input), `reset-totp`, `end-sessions`, `set-role`, `link-contact`,
    /// `unlink-contact`. Every change is audited; a disabled account, a new password, a reset
    /// second factor, a new role or State end its sessions and tokens.
    Account {
        #[command(subcommand)]
        command: AccountCommand,
    },
}

#[derive(Subcommand)]
enum AccountCommand {
    /// The account, with its live sessions and tokens.
    Show { username: String },
    /// Disables the account: it cannot sign in and its sessions and tokens end.
    Disable { username: String },
    /// Enables a disabled account again.
    Enable { username: String },
    /// Sets a new password, read from standard input.
    ResetPassword { username: String },
    /// Turns the second factor off (its owner enrols again).
    ResetTotp { username: String },
    /// Ends every session and token of the account.
    EndSessions { username: String },
    /// Gives the account another role (and State, for coordinators and points of contact).
    SetRole {
        username: String,
        /// manager, coordinator, poc, observer or auditor
        #[arg(long)]
        role: String,
        /// ISO 3166 alpha-3 code, for coordinators and points of contact.
        #[arg(long)]
        state: Option<String>,
    },
    /// Links a point of contact's account to its own directory contact.
    LinkContact {
        username: String,
        #[arg(long)]
        contact: i64,
    },
    /// Unlinks the account from its directory contact.
    UnlinkContact { username: String },
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Csv,
    Vcard,
    Nomination,
}

#[derive(Subcommand)]
enum DirectoryCommand {
    /// Writes the directory as CSV (all States, or one with --state: the file its coordinator
    /// edits and imports back), or a State's vCards or UN nomination file.
    Export {
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormat,
        /// The State (required for vcard and nomination).
        #[arg(long)]
        state: Option<String>,
        /// Output file; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Imports a directory CSV (any State's rows, as the operator). Nothing is imported if any row is wrong.
    Import {
        /// The CSV file; `-` for standard input.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Verifies the hash chain of the audit log and the stored transparency log; exit code 1
    /// when either was tampered with.
    Verify,
}

/// A refusal caused by the user's input: exit code 2.
#[derive(Debug)]
pub(crate) struct BadInput(pub(crate) String);

impl std::fmt::Display for BadInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

fn load_config(db: &Db) -> anyhow::Result<Config> {
    let mut figment = Figment::from(Serialized::defaults(Config::default()));
    if let Some(path) = &db.config {
        if !path.exists() {
            return Err(BadInput(format!(
                "configuration file {} does not exist",
                path.display()
            ))
            .into());
        }
        figment = figment.merge(Toml::file(path));
    }
    figment = figment.merge(
        Env::prefixed("LIAISON_")
            .split("__")
            .ignore(&["config", "database_url"]),
    );
    let mut config: Config = figment
        .extract()
        .map_err(|e| BadInput(format!("configuration: {e}")))?;
    if let Some(url) = &db.database {
        config.database_url = url.clone();
    } else if let Ok(url) = std::env::var("LIAISON_DATABASE_URL") {
        config.database_url = url;
    }
    Ok(config)
}

/// The database of an operator's command that works on data already there (`admin`,
/// `directory`, `audit`): an SQLite file that does not exist is not created, since a command
/// run in the wrong folder or without `--config` would otherwise make an empty database there
/// and answer as if nothing were in it.
async fn open_existing(config: &Config) -> anyhow::Result<Store> {
    if let Some(path) = config.database_url.strip_prefix("sqlite://") {
        let path = path.split('?').next().unwrap_or(path);
        if !path.starts_with(':') && !std::path::Path::new(path).exists() {
            return Err(BadInput(format!(
                "there is no database at {path}: name yours with --config FILE or --database URL \
                 (or LIAISON_DATABASE_URL), or create one with `liaison migrate`"
            ))
            .into());
        }
    }
    open(config).await
}

async fn open(config: &Config) -> anyhow::Result<Store> {
    let store = Store::connect(&config.database_url)
        .await
        .map_err(|e| BadInput(e.to_string()))?;
    store.migrate().await.context("migrating the database")?;
    demo::seed_states(&store).await.map_err(seed_error)?;
    Ok(store)
}

fn print_account(account: &liaison_types::account::Me) {
    let state = account
        .state
        .as_ref()
        .map(|s| s.to_string())
        .unwrap_or_default();
    println!(
        "{:<20} {:<12} {:<4} totp={} {}{}",
        account.username,
        account.role.as_str(),
        state,
        account.totp_enabled,
        account.email,
        if account.disabled { " (disabled)" } else { "" }
    );
}

/// `liaison admin account …`: the operator's account changes, each through the operation the
/// network manager's pages call.
async fn account_command(ctx: &ops::Ctx, command: AccountCommand) -> anyhow::Result<()> {
    use liaison_types::account::AccountPatch;
    let username = match &command {
        AccountCommand::Show { username }
        | AccountCommand::Disable { username }
        | AccountCommand::Enable { username }
        | AccountCommand::ResetPassword { username }
        | AccountCommand::ResetTotp { username }
        | AccountCommand::EndSessions { username }
        | AccountCommand::SetRole { username, .. }
        | AccountCommand::LinkContact { username, .. }
        | AccountCommand::UnlinkContact { username } => username.clone(),
    };
    let id = ops::account::account_id(ctx, None, &username)
        .await
        .map_err(app_error)?;
    let changed = match command {
        AccountCommand::Show { .. } => {
            let (account, tokens) = ops::account::account(ctx, None, id)
                .await
                .map_err(app_error)?;
            print_account(&account);
            for token in tokens {
                println!(
                    "  {} {:<4} {:<24} from {:<15} since {} until {}",
                    token.id,
                    token.kind,
                    token.label,
                    token.address,
                    token.created_at,
                    token.expires_at
                );
            }
            return Ok(());
        }
        AccountCommand::Disable { .. } => Some(AccountPatch {
            disabled: Some(true),
            ..AccountPatch::default()
        }),
        AccountCommand::Enable { .. } => Some(AccountPatch {
            disabled: Some(false),
            ..AccountPatch::default()
        }),
        AccountCommand::SetRole { role, state, .. } => {
            let role = Role::parse(&role).map_err(BadInput)?;
            let state = state
                .as_deref()
                .map(|s| StateCode::parse(&s.to_uppercase()))
                .transpose()
                .map_err(BadInput)?;
            Some(AccountPatch {
                role: Some(role),
                state: Some(state),
                ..AccountPatch::default()
            })
        }
        AccountCommand::LinkContact { contact, .. } => Some(AccountPatch {
            contact_id: Some(Some(contact)),
            ..AccountPatch::default()
        }),
        AccountCommand::UnlinkContact { .. } => Some(AccountPatch {
            contact_id: Some(None),
            ..AccountPatch::default()
        }),
        AccountCommand::ResetPassword { .. } => {
            let mut password = String::new();
            std::io::stdin().read_to_string(&mut password)?;
            let password = password.trim_end_matches(['\r', '\n']);
            ops::account::reset_password(ctx, None, id, password)
                .await
                .map_err(app_error)?;
            println!("Set a new password for {username}; its sessions and tokens ended.");
            None
        }
        AccountCommand::ResetTotp { .. } => {
            ops::account::reset_totp(ctx, None, id)
                .await
                .map_err(app_error)?;
            println!("Turned the second factor of {username} off; it enrols again.");
            None
        }
        AccountCommand::EndSessions { .. } => {
            let ended = ops::account::end_sessions(ctx, None, id)
                .await
                .map_err(app_error)?;
            println!("Ended {ended} session(s) and token(s) of {username}.");
            None
        }
    };
    if let Some(patch) = changed {
        let account = ops::account::change_account(ctx, None, id, &patch)
            .await
            .map_err(app_error)?;
        println!(
            "Changed {username}{}:",
            if patch.disabled == Some(true) {
                "; its sessions and tokens ended"
            } else if patch.role.is_some() {
                "; its sessions and tokens ended, it signs in again with its new role"
            } else {
                ""
            }
        );
        print_account(&account);
    }
    Ok(())
}

/// A database URL as it may be shown: without the password a PostgreSQL URL may carry.
fn without_password(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

fn offline_ctx(store: &Store, config: &Config) -> ops::Ctx {
    ops::Ctx {
        store: store.clone(),
        clock: Arc::new(SystemClock),
        request_id: "cli".into(),
        config: Arc::new(config.clone()),
        random: Arc::new(liaison_core::random::SystemRandom),
        caches: Default::default(),
        lang: "en",
    }
}

/// An error of the demo's seeding or the States' list: internal details are shown, since the
/// operator at the terminal is the one who can act on them.
fn seed_error(error: liaison_server::error::AppError) -> anyhow::Error {
    match error {
        liaison_server::error::AppError::Internal(detail) => {
            anyhow::anyhow!("internal error: {detail}")
        }
        other => anyhow::anyhow!("{other}"),
    }
}

fn app_error(error: liaison_server::error::AppError) -> anyhow::Error {
    use liaison_server::error::AppError;
    match &error {
        AppError::Import(lines) => {
            let mut text = error.to_string();
            for line in lines {
                text.push_str(&format!("\n  line {}: {}", line.line, line.message));
            }
            BadInput(text).into()
        }
        AppError::Internal(_) => anyhow::anyhow!("{error}"),
        _ => BadInput(error.to_string()).into(),
    }
}

/// The binary that typesets PDFs in a process of its own: the configured one, else this one.
fn typesetter(config: &Config) -> anyhow::Result<String> {
    if !config.pdf.typesetter.is_empty() {
        return Ok(config.pdf.typesetter.clone());
    }
    let me = std::env::current_exe().context("finding the liaison binary to typeset PDFs")?;
    Ok(me.display().to_string())
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        // Handled in `main`, before any runtime starts.
        Command::Typeset { .. } => Ok(ExitCode::from(2)),
        Command::Demo {
            addr,
            data,
            database,
            smtp,
        } => {
            std::fs::create_dir_all(&data)
                .with_context(|| format!("creating {}", data.display()))?;
            // The defaults, with what `LIAISON_*` variables set (as for `serve`), on the demo's
            // own database and address.
            let mut config = load_config(&Db {
                config: None,
                database: None,
            })?;
            config.database_url = database
                .unwrap_or_else(|| format!("sqlite://{}", data.join("liaison.db").display()));
            config.listen = addr.clone();
            config.public_url = format!("http://{addr}");
            config.smtp.host = String::new();
            config.pdf.typesetter = typesetter(&config)?;
            if let Some(relay) = smtp {
                let (host, port) = relay
                    .rsplit_once(':')
                    .ok_or_else(|| BadInput("--smtp takes HOST:PORT".into()))?;
                config.smtp.host = host.to_owned();
                config.smtp.port = port
                    .parse()
                    .map_err(|_| BadInput(format!("--smtp: '{port}' is not a port")))?;
            }
            let store = open(&config).await?;
            let config = Arc::new(config);
            let logins = if demo::is_empty(&store).await.map_err(seed_error)? {
                Some(
                    demo::seed(&store, &config, &SystemClock)
                        .await
                        .map_err(seed_error)?,
                )
            } else {
                None
            };
            let listener = tokio::net::TcpListener::bind(&addr)
                .await
                .map_err(|e| BadInput(format!("cannot listen on {addr}: {e}")))?;
            let url = format!("http://{}", listener.local_addr()?);
            println!("Liaison demo is running at {url}");
            println!("Database: {}", without_password(&config.database_url));
            println!(
                "Every demo account has the password '{}' and TOTP off (turn it on under Security).",
                demo::DEMO_PASSWORD
            );
            match logins {
                Some(logins) => {
                    for login in logins {
                        println!("  {:<18} {}", login.username, login.role);
                    }
                }
                None => println!(
                    "  (existing demo data: manager, deu.coordinator, deu.policy, deu.technical, observer, auditor, …)"
                ),
            }
            println!("API: {url}/api/v1 · OpenAPI: {url}/api/openapi.json · Stop with Ctrl-C.");
            std::io::stdout().flush()?;
            let state = AppState::new(store, Arc::new(SystemClock), (*config).clone())?;
            liaison_server::serve(state, listener).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve { db } => {
            let mut config = load_config(&db)?;
            config.pdf.typesetter = typesetter(&config)?;
            let store = open(&config).await?;
            let listener = tokio::net::TcpListener::bind(&config.listen)
                .await
                .map_err(|e| BadInput(format!("cannot listen on {}: {e}", config.listen)))?;
            tracing::info!(addr = %listener.local_addr()?, "Liaison is listening");
            let state = AppState::new(store, Arc::new(SystemClock), config)?;
            liaison_server::serve(state, listener).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Openapi => {
            let document = liaison_server::api::document(&Config::default());
            println!("{}", serde_json::to_string_pretty(&document)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate { db } => {
            let config = load_config(&db)?;
            open(&config).await?;
            println!("The database is up to date.");
            Ok(ExitCode::SUCCESS)
        }
        Command::Admin { db, command } => {
            let config = load_config(&db)?;
            let store = open_existing(&config).await?;
            let ctx = offline_ctx(&store, &config);
            match command {
                AdminCommand::CreateAccount {
                    username,
                    display_name,
                    email,
                    role,
                    state,
                    locale,
                    contact,
                } => {
                    let role = Role::parse(&role).map_err(BadInput)?;
                    let state = state
                        .as_deref()
                        .map(StateCode::parse)
                        .transpose()
                        .map_err(BadInput)?;
                    let mut password = String::new();
                    std::io::stdin().read_to_string(&mut password)?;
                    let password = password.trim_end_matches(['\r', '\n']).to_owned();
                    let request = ops::account::AccountRequest {
                        username: username.clone(),
                        display_name,
                        email,
                        password,
                        role,
                        state,
                        contact_id: contact,
                        locale,
                    };
                    let id = ops::account::create_account(&ctx, None, request)
                        .await
                        .map_err(app_error)?;
                    println!("Created account {username} (id {id}).");
                }
                AdminCommand::ListAccounts => {
                    for account in ops::account::accounts(&ctx, None)
                        .await
                        .map_err(app_error)?
                    {
                        print_account(&account);
                    }
                }
                AdminCommand::Account { command } => account_command(&ctx, command).await?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Directory { db, command } => {
            let config = load_config(&db)?;
            let store = open_existing(&config).await?;
            let ctx = offline_ctx(&store, &config);
            match command {
                DirectoryCommand::Export { format, state, out } => {
                    let code = state
                        .as_deref()
                        .map(StateCode::parse)
                        .transpose()
                        .map_err(BadInput)?;
                    let what = match (format, code) {
                        (ExportFormat::Csv, None) => ops::directory::Export::Csv,
                        (ExportFormat::Csv, Some(code)) => ops::directory::Export::StateCsv(code),
                        (ExportFormat::Vcard, Some(code)) => {
                            ops::directory::Export::StateCards(code)
                        }
                        (ExportFormat::Nomination, Some(code)) => {
                            ops::directory::Export::Nomination(code)
                        }
                        (_, None) => {
                            return Err(BadInput(
                                "--state is required for vcard and nomination".into(),
                            )
                            .into());
                        }
                    };
                    let text = ops::directory::export(&ctx, None, what)
                        .await
                        .map_err(app_error)?
                        .body;
                    match out {
                        Some(path) => std::fs::write(&path, text)
                            .with_context(|| format!("writing {}", path.display()))?,
                        None => std::io::stdout().write_all(&text)?,
                    }
                }
                DirectoryCommand::Import { file } => {
                    let bytes = if file.as_os_str() == "-" {
                        let mut buffer = Vec::new();
                        std::io::stdin().read_to_end(&mut buffer)?;
                        buffer
                    } else {
                        std::fs::read(&file)
                            .map_err(|e| BadInput(format!("cannot read {}: {e}", file.display())))?
                    };
                    let report = ops::directory::import_csv(&ctx, None, &bytes)
                        .await
                        .map_err(app_error)?;
                    if report.created == 0 && report.changed == 0 {
                        println!(
                            "Nothing to change: all {} contacts in the file are as recorded.",
                            report.unchanged
                        );
                    } else {
                        println!(
                            "Imported: {} added, {} changed, {} unchanged.",
                            report.created, report.changed, report.unchanged
                        );
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Login {
            server,
            username,
            totp,
        } => {
            client::login(&server, &username, totp.as_deref()).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Checks { command } => {
            client::checks(command).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Exchange { command } => {
            exchange::run(command).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Keys { command } => {
            channel::keys(command).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Send(args) => {
            channel::send(args).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Inbox { session } => {
            channel::inbox(session).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Read(args) => {
            channel::read(args).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Reply(args) => {
            channel::reply(args).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify(args) => verify::run(args).await,
        Command::Ack { session, id } => {
            channel::step(session, id, "acknowledge").await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Close { session, id } => {
            channel::step(session, id, "close").await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit {
            db,
            command: AuditCommand::Verify,
        } => {
            let config = load_config(&db)?;
            let store = open_existing(&config).await?;
            let ctx = offline_ctx(&store, &config);
            let result = ops::audit::verify(&ctx, None).await.map_err(app_error)?;
            if result.intact {
                println!("The audit log is intact: {} rows verified.", result.rows);
            } else {
                eprintln!(
                    "The audit log has been tampered with: the chain breaks at row {} ({} rows verified before it).",
                    result.first_broken_seq.unwrap_or_default(),
                    result.rows
                );
            }
            let log = &result.transparency;
            if log.intact {
                println!(
                    "The transparency log is intact: {} leaves and {} signed tree heads match the directory.",
                    log.leaves, log.heads
                );
            } else {
                eprintln!("The transparency log has been tampered with:");
                for problem in &log.problems {
                    eprintln!("  {problem}");
                }
            }
            Ok(if result.intact && log.intact {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// `liaison typeset`: limits itself, then typesets standard input to standard output.
fn typeset(max_memory_mib: u64, max_cpu_seconds: u64) -> ExitCode {
    if let Err(error) =
        liaison_pdf::limit_this_process(max_memory_mib.saturating_mul(1024 * 1024), max_cpu_seconds)
    {
        eprintln!("error: cannot limit the typesetting process: {error}");
        return ExitCode::from(1);
    }
    let mut source = String::new();
    if let Err(error) = std::io::stdin().read_to_string(&mut source) {
        eprintln!("error: cannot read the Typst source: {error}");
        return ExitCode::from(2);
    }
    match liaison_pdf::compile(source) {
        Ok(pdf) => match std::io::stdout().write_all(&pdf) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: cannot write the PDF: {error}");
                ExitCode::from(1)
            }
        },
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Typeset {
        max_memory_mib,
        max_cpu_seconds,
    } = cli.command
    {
        // No runtime, no logs: the process only typesets, within its limits.
        return typeset(max_memory_mib, max_cpu_seconds);
    }
    init_logs(cli.log_format);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the runtime: {error}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        // A reader that stops early (`liaison checks status | head`) is not a failure.
        Err(error)
            if error
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error:#}");
            if error.downcast_ref::<BadInput>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}
