//! The protected-channel client: `liaison keys` (a key pair kept in a local keyring, its secret
//! key protected by a passphrase, and its registration in the directory), `liaison send`,
//! `inbox`, `read`, `reply`, `ack` and `close`. Encryption and decryption happen here, never on
//! the server: `send` and `reply` fetch the key set from the server, seal subject, body and
//! attachments to exactly it, and upload the ciphertext; `read` downloads and opens it with the
//! local secret key. A message made with GnuPG goes through `send --encrypted FILE`, and the key
//! set for GnuPG comes from `keys set`.

use crate::BadInput;
use crate::client::{Client, Session, rfc3339, wire_name as wire};
use clap::{Args, Subcommand};
use liaison_core::channel::seal::{self, Attachment, Content};
use liaison_core::clock::{Clock, SystemClock};
use liaison_types::Page;
use liaison_types::account::Me;
use liaison_types::channel::{KeySetView, RequestDetail, RequestSummary};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where the key pair is kept.
#[derive(Args, Clone)]
pub struct Keyring {
    /// The folder of the local key pair (`secret.asc`, passphrase-protected, and `public.asc`).
    #[arg(long, env = "LIAISON_KEYRING")]
    pub keyring: Option<PathBuf>,
}

impl Keyring {
    fn dir(&self) -> anyhow::Result<PathBuf> {
        match &self.keyring {
            Some(dir) => Ok(dir.clone()),
            None => {
                let home = std::env::var_os("HOME")
                    .ok_or_else(|| BadInput("no --keyring given and HOME is not set".into()))?;
                Ok(PathBuf::from(home).join(".config/liaison/keys"))
            }
        }
    }

    fn secret(&self) -> anyhow::Result<String> {
        let path = self.dir()?.join("secret.asc");
        std::fs::read_to_string(&path).map_err(|e| {
            BadInput(format!(
                "no key pair in {} ({e}): make one with `liaison keys generate` or `liaison keys import`",
                path.display()
            ))
            .into()
        })
    }

    fn public(&self) -> anyhow::Result<String> {
        let path = self.dir()?.join("public.asc");
        std::fs::read_to_string(&path)
            .map_err(|e| BadInput(format!("no public key in {} ({e})", path.display())).into())
    }

    fn store(&self, secret: &str, public: &str) -> anyhow::Result<PathBuf> {
        let dir = self.dir()?;
        std::fs::create_dir_all(&dir)?;
        let secret_path = dir.join("secret.asc");
        write_private(&secret_path, secret)?;
        std::fs::write(dir.join("public.asc"), public)?;
        Ok(dir)
    }
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text)?;
    Ok(())
}

/// The passphrase of the local secret key, from LIAISON_KEY_PASSPHRASE.
fn passphrase() -> String {
    std::env::var("LIAISON_KEY_PASSPHRASE").unwrap_or_default()
}

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Makes a new key pair (Ed25519 signing, Curve25519 encryption) in the keyring; its secret
    /// key is protected by LIAISON_KEY_PASSPHRASE, which must be set.
    Generate {
        #[command(flatten)]
        keyring: Keyring,
        /// The key's user ID, e.g. "CERT-Bund duty officer <cert@bsi.example>".
        #[arg(long)]
        user_id: String,
        /// Replace a key pair already in the keyring.
        #[arg(long)]
        force: bool,
    },
    /// Imports a passphrase-protected secret key (e.g. `gpg --armor --export-secret-keys`) into
    /// the keyring; LIAISON_KEY_PASSPHRASE must open it.
    Import {
        #[command(flatten)]
        keyring: Keyring,
        file: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Prints the keyring's public key.
    Show {
        #[command(flatten)]
        keyring: Keyring,
    },
    /// Registers the keyring's public key for a directory contact: your own (a point of contact
    /// linked to it) when `--contact` is absent, or any of your State's (a coordinator).
    Register {
        #[command(flatten)]
        session: Session,
        #[command(flatten)]
        keyring: Keyring,
        #[arg(long)]
        contact: Option<i64>,
        /// When the key took effect (YYYY-MM-DD); today when absent.
        #[arg(long)]
        effective_on: Option<String>,
    },
    /// Writes the public keys a request to `--to` at `--level` (or a reply in request
    /// `--request`) must be encrypted to, armored, for GnuPG (`gpg --import`).
    Set {
        #[command(flatten)]
        session: Session,
        #[arg(long, value_delimiter = ',', required_unless_present = "request")]
        to: Vec<String>,
        #[arg(long, default_value = "technical")]
        level: String,
        #[arg(long, conflicts_with = "to")]
        request: Option<i64>,
    },
}

/// What a request or reply says.
#[derive(Args, Clone)]
pub struct Body {
    /// The subject (encrypted with the body).
    #[arg(long, default_value = "")]
    pub subject: String,
    /// The body text.
    #[arg(long, conflicts_with = "body_file")]
    pub body: Option<String>,
    /// A file holding the body text (`-` for standard input).
    #[arg(long)]
    pub body_file: Option<PathBuf>,
    /// Files to attach (repeat the option).
    #[arg(long)]
    pub attach: Vec<PathBuf>,
    /// An OpenPGP message encrypted elsewhere (with GnuPG) to the key set, sent as it is.
    #[arg(long, conflicts_with_all = ["body", "body_file", "attach"])]
    pub encrypted: Option<PathBuf>,
}

#[derive(Args)]
pub struct SendArgs {
    #[command(flatten)]
    pub session: Session,
    /// The recipient States, e.g. AUT,EST.
    #[arg(long, value_delimiter = ',', required = true)]
    pub to: Vec<String>,
    #[arg(long, default_value = "technical")]
    pub level: String,
    /// consultation, information-request, assistance-request, incident-notification,
    /// vulnerability-information or general.
    #[arg(long, default_value = "general")]
    pub kind: String,
    /// routine, priority or urgent.
    #[arg(long, default_value = "routine")]
    pub urgency: String,
    /// CLEAR, GREEN, AMBER, AMBER+STRICT or RED.
    #[arg(long, default_value = "AMBER")]
    pub tlp: String,
    /// The language of the content (en, fr, de, it, ru, es).
    #[arg(long, default_value = "en")]
    pub language: String,
    #[command(flatten)]
    pub body: Body,
}

fn read_path(path: &Path) -> anyhow::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| BadInput(format!("cannot read {}: {e}", path.display())).into())
}

fn content_type(path: &Path) -> String {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "xml" => "application/xml",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
    .to_owned()
}

impl Body {
    /// The content, or the message given already encrypted.
    fn message(&self, keys: &KeySetView) -> anyhow::Result<Vec<u8>> {
        if let Some(path) = &self.encrypted {
            return read_path(path);
        }
        let body = match (&self.body, &self.body_file) {
            (Some(text), _) => text.clone(),
            (None, Some(path)) => String::from_utf8(read_path(path)?)
                .map_err(|_| BadInput("the body file is not UTF-8 text".into()))?,
            (None, None) => String::new(),
        };
        let mut attachments = Vec::new();
        for path in &self.attach {
            attachments.push(Attachment {
                filename: path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("attachment")
                    .to_owned(),
                content_type: content_type(path),
                data: read_path(path)?,
            });
        }
        let content = Content {
            subject: self.subject.clone(),
            body,
            attachments,
        };
        let plain = seal::compose(&content).map_err(|e| BadInput(e.to_string()))?;
        let public: Vec<&str> = keys.keys.iter().map(|k| k.public_key.as_str()).collect();
        let sealed =
            seal::seal(&plain, &public, SystemClock.now()).map_err(|e| BadInput(e.to_string()))?;
        Ok(sealed.into_bytes())
    }
}

fn print_left_out(out: &mut impl Write, keys: &KeySetView) -> std::io::Result<()> {
    for left in &keys.left_out {
        writeln!(
            out,
            "  left out: {} ({}), {}",
            left.contact_name,
            left.state,
            wire(left.reason)
        )?;
    }
    Ok(())
}

fn print_summary(out: &mut impl Write, r: &RequestSummary) -> std::io::Result<()> {
    let legs: Vec<String> =
        r.to.iter()
            .map(|l| {
                let mut notes = Vec::new();
                if l.overdue {
                    notes.push("overdue");
                }
                if l.escalated_at.is_some() {
                    notes.push("escalated to the policy level");
                }
                if notes.is_empty() {
                    format!("{} {}", l.state, wire(l.status))
                } else {
                    format!("{} {} ({})", l.state, wire(l.status), notes.join(", "))
                }
            })
            .collect();
    writeln!(
        out,
        "#{:<5} {} {} → {}  {} {} {} TLP:{}  {} message(s){}",
        r.id,
        r.sent_at.date(),
        r.from,
        legs.join(", "),
        wire(r.urgency),
        wire(r.kind),
        r.level.as_str(),
        r.tlp.as_str(),
        r.messages,
        if r.closed_at.is_some() {
            "  closed"
        } else {
            ""
        }
    )
}

async fn key_set_for(client: &Client, to: &[String], level: &str) -> anyhow::Result<KeySetView> {
    let path = format!(
        "/api/v1/requests/keys?{}",
        serde_urlencoded::to_string([("to", to.join(",")), ("level", level.to_owned())])?
    );
    client
        .json(client.request(reqwest::Method::GET, &path))
        .await
}

pub async fn keys(command: KeysCommand) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match command {
        KeysCommand::Generate {
            keyring,
            user_id,
            force,
        } => {
            let passphrase = passphrase();
            if passphrase.is_empty() {
                return Err(BadInput(
                    "set LIAISON_KEY_PASSPHRASE: the secret key is kept encrypted with it".into(),
                )
                .into());
            }
            refuse_overwrite(&keyring, force)?;
            let (secret, public) =
                seal::generate(&user_id, &passphrase).map_err(|e| BadInput(e.to_string()))?;
            let dir = keyring.store(&secret, &public)?;
            let info = liaison_core::directory::key::parse_public_key(
                public.as_bytes(),
                SystemClock.now(),
            )
            .map_err(|e| BadInput(e.to_string()))?;
            writeln!(
                out,
                "Made key {} in {}. Register it with `liaison keys register`.",
                info.fingerprint,
                dir.display()
            )?;
        }
        KeysCommand::Import {
            keyring,
            file,
            force,
        } => {
            refuse_overwrite(&keyring, force)?;
            let secret = String::from_utf8(read_path(&file)?)
                .map_err(|_| BadInput("import the ASCII-armored secret key (.asc)".into()))?;
            // The key must open with the passphrase, and must not open without one.
            let probe = seal::seal(
                b"probe",
                &[&seal::public_of(&secret).map_err(|e| BadInput(e.to_string()))?],
                SystemClock.now(),
            )
            .map_err(|e| BadInput(e.to_string()))?;
            seal::open(probe.as_bytes(), &secret, &passphrase())
                .map_err(|e| BadInput(format!("LIAISON_KEY_PASSPHRASE does not open it: {e}")))?;
            if passphrase().is_empty() || seal::open(probe.as_bytes(), &secret, "").is_ok() {
                return Err(BadInput(
                    "the secret key is not protected by a passphrase: protect it first (gpg --passwd) so that it is kept encrypted".into(),
                )
                .into());
            }
            let public = seal::public_of(&secret).map_err(|e| BadInput(e.to_string()))?;
            let dir = keyring.store(&secret, &public)?;
            writeln!(out, "Imported the key pair into {}.", dir.display())?;
        }
        KeysCommand::Show { keyring } => {
            out.write_all(keyring.public()?.as_bytes())?;
        }
        KeysCommand::Register {
            session,
            keyring,
            contact,
            effective_on,
        } => {
            let client = Client::new(&session.server, Some(&session.token))?;
            let contact = match contact {
                Some(id) => id,
                None => {
                    let me: Me = client
                        .json(client.request(reqwest::Method::GET, "/api/v1/me"))
                        .await?;
                    me.contact_id.ok_or_else(|| {
                        BadInput(
                            "your account is not linked to a directory contact: give --contact ID"
                                .into(),
                        )
                    })?
                }
            };
            let effective_on = effective_on.unwrap_or_else(|| SystemClock.now().date().to_string());
            let body =
                serde_json::json!({ "armored": keyring.public()?, "effective_on": effective_on });
            let answer: serde_json::Value = client
                .json(
                    client
                        .request(
                            reqwest::Method::PUT,
                            &format!("/api/v1/contacts/{contact}/key"),
                        )
                        .json(&body),
                )
                .await?;
            writeln!(
                out,
                "Registered key {} for contact {contact} ({}).",
                answer["key"]["fingerprint"].as_str().unwrap_or_default(),
                answer["name"].as_str().unwrap_or_default()
            )?;
        }
        KeysCommand::Set {
            session,
            to,
            level,
            request,
        } => {
            let client = Client::new(&session.server, Some(&session.token))?;
            let keys: KeySetView =
                match request {
                    Some(id) => {
                        client
                            .json(client.request(
                                reqwest::Method::GET,
                                &format!("/api/v1/requests/{id}/keys"),
                            ))
                            .await?
                    }
                    None => key_set_for(&client, &to, &level).await?,
                };
            for key in &keys.keys {
                out.write_all(key.public_key.trim_end().as_bytes())?;
                out.write_all(b"\n")?;
            }
            print_left_out(&mut std::io::stderr(), &keys)?;
        }
    }
    Ok(())
}

fn refuse_overwrite(keyring: &Keyring, force: bool) -> anyhow::Result<()> {
    let path = keyring.dir()?.join("secret.asc");
    if path.exists() && !force {
        return Err(BadInput(format!(
            "{} already holds a key pair; give --force to replace it",
            path.display()
        ))
        .into());
    }
    Ok(())
}

pub async fn send(args: SendArgs) -> anyhow::Result<()> {
    let client = Client::new(&args.session.server, Some(&args.session.token))?;
    let to: Vec<String> = args.to.iter().map(|s| s.to_ascii_uppercase()).collect();
    let keys = key_set_for(&client, &to, &args.level).await?;
    let message = args.body.message(&keys)?;
    let form = reqwest::multipart::Form::new()
        .text("to", to.join(","))
        .text("kind", args.kind.clone())
        .text("urgency", args.urgency.clone())
        .text("level", args.level.clone())
        .text("tlp", args.tlp.clone())
        .text("language", args.language.clone())
        .part(
            "message",
            reqwest::multipart::Part::bytes(message).file_name("message.asc"),
        );
    let detail: RequestDetail = client
        .json(
            client
                .request(reqwest::Method::POST, "/api/v1/requests")
                .multipart(form),
        )
        .await?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Sent request #{}, encrypted to {} key(s); acknowledge by {}.",
        detail.request.id,
        detail.messages.first().map_or(0, |m| m.fingerprints.len()),
        detail
            .request
            .to
            .first()
            .map(|l| rfc3339(l.acknowledge_by))
            .unwrap_or_default()
    )?;
    print_left_out(&mut out, &keys)?;
    Ok(())
}

pub async fn inbox(session: Session) -> anyhow::Result<()> {
    let client = Client::new(&session.server, Some(&session.token))?;
    let page: Page<RequestSummary> = client
        .json(client.request(reqwest::Method::GET, "/api/v1/requests"))
        .await?;
    let mut out = std::io::stdout().lock();
    if page.items.is_empty() {
        writeln!(out, "No requests.")?;
    }
    for request in &page.items {
        print_summary(&mut out, request)?;
    }
    Ok(())
}

#[derive(Args)]
pub struct ReadArgs {
    #[command(flatten)]
    pub session: Session,
    #[command(flatten)]
    pub keyring: Keyring,
    /// The request's number.
    pub id: i64,
    /// Save the attachments into this folder.
    #[arg(long)]
    pub save: Option<PathBuf>,
}

pub async fn read(args: ReadArgs) -> anyhow::Result<()> {
    let client = Client::new(&args.session.server, Some(&args.session.token))?;
    let id = args.id;
    let detail: RequestDetail = client
        .json(client.request(reqwest::Method::GET, &format!("/api/v1/requests/{id}")))
        .await?;
    let secret = args.keyring.secret()?;
    let mut out = std::io::stdout().lock();
    print_summary(&mut out, &detail.request)?;
    let own = own_ids(&secret);
    let mut unopened: Vec<(String, bool)> = Vec::new();
    for message in &detail.messages {
        let armored = client
            .send(client.request(
                reqwest::Method::GET,
                &format!("/api/v1/requests/{id}/messages/{}", message.id),
            ))
            .await?;
        writeln!(
            out,
            "\n--- message {} from {} ({}), {}, sha256 {}",
            message.seq,
            message.from,
            message.sent_by,
            rfc3339(message.sent_at),
            message.sha256
        )?;
        let content = match seal::open(armored.as_bytes(), &secret, &passphrase()) {
            Ok(plain) => seal::parse(&plain).map_err(|e| BadInput(e.to_string()))?,
            Err(error) => {
                let (to, ours) = encrypted_to(armored.as_bytes(), &own);
                if ours {
                    writeln!(
                        out,
                        "(cannot be opened: it is encrypted to {to}, the keyring's key among them, so the passphrase in LIAISON_KEY_PASSPHRASE is wrong or missing)"
                    )?;
                } else {
                    writeln!(
                        out,
                        "(cannot be opened with the keyring's key: {error}; it is encrypted to {to})"
                    )?;
                }
                unopened.push((format!("message {} (encrypted to {to})", message.seq), ours));
                continue;
            }
        };
        if !content.subject.is_empty() {
            writeln!(out, "Subject: {}", content.subject)?;
        }
        writeln!(out, "\n{}", content.body.trim_end())?;
        for attachment in &content.attachments {
            match &args.save {
                Some(dir) => {
                    std::fs::create_dir_all(dir)?;
                    let name = Path::new(&attachment.filename)
                        .file_name()
                        .map(|n| n.to_owned())
                        .unwrap_or_else(|| "attachment".into());
                    let path = dir.join(name);
                    std::fs::write(&path, &attachment.data)?;
                    writeln!(out, "[attachment saved: {}]", path.display())?;
                }
                None => writeln!(
                    out,
                    "[attachment: {} ({}, {} bytes); --save DIR keeps it]",
                    attachment.filename,
                    attachment.content_type,
                    attachment.data.len()
                )?,
            }
        }
    }
    if !unopened.is_empty() {
        let why = if unopened.iter().all(|(_, ours)| *ours) {
            "they are encrypted to it, so the passphrase in LIAISON_KEY_PASSPHRASE is wrong or missing"
        } else {
            "it is not among their recipients (or the passphrase is wrong)"
        };
        let list: Vec<&str> = unopened.iter().map(|(text, _)| text.as_str()).collect();
        anyhow::bail!(
            "{} of {} messages cannot be opened with the keyring's key {}: {why}: {}",
            unopened.len(),
            detail.messages.len(),
            own_key(&secret),
            list.join("; ")
        );
    }
    Ok(())
}

/// The keys a message is encrypted to, as its PKESK packets name them, and whether one of them
/// is the keyring's (`own`: its key IDs and fingerprints, upper-case hex).
fn encrypted_to(message: &[u8], own: &[String]) -> (String, bool) {
    use liaison_core::channel::envelope::{self, Recipient};
    match envelope::binary(message).and_then(|binary| envelope::recipients(&binary)) {
        Ok(recipients) if !recipients.is_empty() => {
            let ours = recipients.iter().any(|r| match r {
                Recipient::KeyId(id) | Recipient::Fingerprint(id) => own.contains(id),
            });
            let names = recipients
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            (names, ours)
        }
        Ok(_) => ("no key".into(), false),
        Err(error) => (format!("unknown keys ({error})"), false),
    }
}

/// The keyring key's encryption key IDs and fingerprints (upper-case hex).
fn own_ids(secret: &str) -> Vec<String> {
    let info = seal::public_of(secret).ok().and_then(|public| {
        liaison_core::directory::key::parse_public_key(public.as_bytes(), SystemClock.now()).ok()
    });
    let mut ids = Vec::new();
    for fpr in info.map(|i| i.encryption_fingerprints).unwrap_or_default() {
        ids.push(key_id(&fpr).to_owned());
        ids.push(fpr);
    }
    ids
}

/// A key's ID from its fingerprint: a v4 key's ID ends its fingerprint; a v6 key's begins it.
fn key_id(fpr: &str) -> &str {
    match fpr.len() {
        40 => &fpr[24..],
        _ => &fpr[..fpr.len().min(16)],
    }
}

/// The keyring's key, named as the messages name their recipients: its fingerprint and the key
/// IDs it decrypts with.
fn own_key(secret: &str) -> String {
    let info = seal::public_of(secret).ok().and_then(|public| {
        liaison_core::directory::key::parse_public_key(public.as_bytes(), SystemClock.now()).ok()
    });
    match info {
        Some(info) => {
            let ids: Vec<&str> = info
                .encryption_fingerprints
                .iter()
                .map(|fpr| key_id(fpr))
                .collect();
            format!("{} (key ID {})", info.fingerprint, ids.join(", "))
        }
        None => "(unreadable)".into(),
    }
}

#[derive(Args)]
pub struct ReplyArgs {
    #[command(flatten)]
    pub session: Session,
    pub id: i64,
    #[command(flatten)]
    pub body: Body,
}

pub async fn reply(args: ReplyArgs) -> anyhow::Result<()> {
    let client = Client::new(&args.session.server, Some(&args.session.token))?;
    let id = args.id;
    let keys: KeySetView = client
        .json(client.request(reqwest::Method::GET, &format!("/api/v1/requests/{id}/keys")))
        .await?;
    let message = args.body.message(&keys)?;
    let detail: RequestDetail = client
        .json(
            client
                .request(
                    reqwest::Method::POST,
                    &format!("/api/v1/requests/{id}/messages"),
                )
                .header("content-type", "application/pgp-encrypted")
                .body(message),
        )
        .await?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Replied in request #{id}: message {} of the thread.",
        detail.messages.len()
    )?;
    print_left_out(&mut out, &keys)?;
    Ok(())
}

/// `ack` and `close`: a step on the request, then its status.
pub async fn step(session: Session, id: i64, step: &str) -> anyhow::Result<()> {
    let client = Client::new(&session.server, Some(&session.token))?;
    let detail: RequestDetail = client
        .json(
            client
                .request(
                    reqwest::Method::POST,
                    &format!("/api/v1/requests/{id}/{step}"),
                )
                .json(&serde_json::json!({})),
        )
        .await?;
    print_summary(&mut std::io::stdout().lock(), &detail.request)?;
    Ok(())
}
