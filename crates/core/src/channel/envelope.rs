//! The envelope of a protected message: which keys an OpenPGP message is encrypted to, read
//! from its public-key encrypted session key packets (PKESK) without decrypting anything, and
//! whether that is exactly the key set a request must be encrypted to.
//!
//! Rules:
//! - The message is ASCII-armored (`-----BEGIN PGP MESSAGE-----`) or binary, and is exactly one
//!   or more PKESKs, then one encrypted data packet (SEIPD v1 or v2, or GnuPG's OCB packet),
//!   then optional Padding packets. The whole message is read; the ciphertext is not decrypted.
//!   Any other packet anywhere (a Literal Data packet appended after the ciphertext, a
//!   signature, a marker, a second encrypted packet) is refused, named.
//! - Refused: input that is not an OpenPGP message; a message with no encrypted data (a literal
//!   or compressed message, a signature); a legacy unprotected SED packet (no integrity
//!   protection); a password-encrypted session key (SKESK: anyone with the password reads it);
//!   an anonymous recipient (a zero key ID or a v6 PKESK without fingerprint: it cannot be
//!   checked); two PKESKs for the same key.
//! - The expected key set names, per recipient, the encryption-capable (sub)keys of its current
//!   registered key. A recipient key is *covered* when one of its encryption keys is among the
//!   message's recipients. The message matches when every expected recipient is covered and every
//!   PKESK is for an encryption key of an expected recipient: *missing* and *extra* name the
//!   difference.

use pgp::armor::Dearmor;
use pgp::packet::{Packet, PacketParser};
use std::collections::BTreeSet;
use std::io::{BufRead, Cursor};

/// A recipient named by a PKESK: the key ID (v3 PKESK, for v4 keys) or fingerprint (v6 PKESK),
/// in upper-case hex.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Recipient {
    KeyId(String),
    Fingerprint(String),
}

impl std::fmt::Display for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Recipient::KeyId(id) => write!(f, "key ID {id}"),
            Recipient::Fingerprint(fpr) => write!(f, "key {fpr}"),
        }
    }
}

/// Why a message is not a well-formed encrypted OpenPGP message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("the body is not an OpenPGP message: {0}")]
    Malformed(String),
    #[error(
        "the body is not encrypted: an OpenPGP message encrypted to the recipients' keys is required"
    )]
    NotEncrypted,
    #[error(
        "the body uses the legacy encryption without integrity protection; encrypt with a current OpenPGP implementation"
    )]
    Unprotected,
    #[error(
        "the body is encrypted with a password; encrypt it to the recipients' public keys only"
    )]
    Password,
    #[error(
        "the body is encrypted to an anonymous recipient, which cannot be checked; name every recipient"
    )]
    Anonymous,
    #[error("the body is encrypted twice to {0}")]
    Duplicate(String),
    /// A packet a protected message never holds where it stands (named as RFC 9580 names it).
    #[error(
        "the body holds a {0} packet: a protected message is public-key encrypted session keys, one encrypted data packet and optional padding, nothing else"
    )]
    Unexpected(String),
}

/// Longest rPGP error text kept in [`EnvelopeError::Malformed`].
const MAX_ERROR_CHARS: usize = 200;

fn malformed(error: impl std::fmt::Display) -> EnvelopeError {
    EnvelopeError::Malformed(error.to_string().chars().take(MAX_ERROR_CHARS).collect())
}

/// The recipients a message is encrypted to, in the order of its PKESKs.
pub fn recipients(input: &[u8]) -> Result<Vec<Recipient>, EnvelopeError> {
    let text = input.trim_ascii_start();
    if text.starts_with(b"-----BEGIN PGP") {
        let mut armor = Dearmor::new(Cursor::new(text));
        let mut binary = Vec::new();
        std::io::Read::read_to_end(&mut armor, &mut binary).map_err(malformed)?;
        match armor.typ {
            Some(pgp::armor::BlockType::Message) | None => read(&binary),
            Some(other) => Err(malformed(format!(
                "the armor holds a {other}, not a message"
            ))),
        }
    } else {
        read(input)
    }
}

/// The most bytes of Padding packets a message may carry: padding hides a message's length,
/// and a few kilobytes do that; more would be room for anything readable.
pub const MAX_PADDING: usize = 4096;

/// A reader that counts the bytes its consumer took, so that the end of every packet is known.
struct Counted<'a> {
    inner: Cursor<&'a [u8]>,
    taken: std::rc::Rc<std::cell::Cell<usize>>,
}

impl std::io::Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.taken.set(self.taken.get() + n);
        Ok(n)
    }
}

impl BufRead for Counted<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.inner.consume(amount);
        self.taken.set(self.taken.get() + amount);
    }
}

fn hex_upper(bytes: &[u8]) -> String {
    hex::encode_upper(bytes)
}

/// The shape every protected message has: one or more PKESKs, exactly one encrypted data
/// packet, then nothing but padding. Anything else (a literal data packet appended after the
/// ciphertext, a signature, a second encrypted packet, a marker) would let readable bytes reach
/// the server and the recipients beside the ciphertext, so the whole message is read, packet by
/// packet, and the first packet out of place is named.
fn read(binary: &[u8]) -> Result<Vec<Recipient>, EnvelopeError> {
    let taken = std::rc::Rc::new(std::cell::Cell::new(0));
    let source = Counted {
        inner: Cursor::new(binary),
        taken: taken.clone(),
    };
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    let mut encrypted = false;
    let mut padding = 0usize;
    // Where the last whole packet ended: bytes after it are not a packet (a cut-off header the
    // parser reads as the end of the message), and would reach the recipients as they are.
    let mut end = 0usize;
    for packet in PacketParser::new(source) {
        let packet = packet.map_err(malformed)?;
        let start = end;
        end = taken.get();
        if encrypted {
            // After the encrypted data only padding may follow, and not much of it.
            match packet {
                Packet::Padding(_) => {
                    padding += end - start;
                    if padding > MAX_PADDING {
                        return Err(EnvelopeError::Unexpected(format!(
                            "Padding of more than {MAX_PADDING} bytes"
                        )));
                    }
                    continue;
                }
                other => return Err(EnvelopeError::Unexpected(packet_name(&other))),
            }
        }
        let recipient = match packet {
            Packet::PublicKeyEncryptedSessionKey(pkesk) => {
                match (pkesk.id(), pkesk.fingerprint()) {
                    (Ok(id), _) if id.as_ref().iter().all(|b| *b == 0) => {
                        return Err(EnvelopeError::Anonymous);
                    }
                    (Ok(id), _) => Recipient::KeyId(hex_upper(id.as_ref())),
                    (_, Ok(Some(fingerprint))) => {
                        Recipient::Fingerprint(hex_upper(fingerprint.as_bytes()))
                    }
                    (_, Ok(None)) => return Err(EnvelopeError::Anonymous),
                    (Err(e), Err(_)) => return Err(malformed(e)),
                }
            }
            Packet::SymKeyEncryptedSessionKey(_) => return Err(EnvelopeError::Password),
            // SEIPD v1 and v2, and GnuPG's OCB packet (integrity-protected as well: GnuPG 2.4
            // writes it to keys that announce it).
            Packet::SymEncryptedProtectedData(_) | Packet::GnupgAeadData(_) => {
                if found.is_empty() {
                    return Err(EnvelopeError::NotEncrypted);
                }
                encrypted = true;
                continue;
            }
            Packet::SymEncryptedData(_) => return Err(EnvelopeError::Unprotected),
            other if found.is_empty() => {
                return Err(match other {
                    Packet::LiteralData(_)
                    | Packet::CompressedData(_)
                    | Packet::Signature(_)
                    | Packet::OnePassSignature(_) => EnvelopeError::NotEncrypted,
                    other => EnvelopeError::Unexpected(packet_name(&other)),
                });
            }
            other => return Err(EnvelopeError::Unexpected(packet_name(&other))),
        };
        if !seen.insert(recipient.clone()) {
            return Err(EnvelopeError::Duplicate(recipient.to_string()));
        }
        found.push(recipient);
    }
    if end != binary.len() {
        return Err(malformed(format!(
            "{} bytes after the last packet are not a packet",
            binary.len() - end
        )));
    }
    if encrypted {
        Ok(found)
    } else {
        Err(EnvelopeError::NotEncrypted)
    }
}

/// The name of a packet's type as RFC 9580 gives it, for a refusal.
fn packet_name(packet: &Packet) -> String {
    use pgp::packet::PacketTrait;
    use pgp::types::Tag;
    match packet.tag() {
        Tag::PublicKeyEncryptedSessionKey => "Public-Key Encrypted Session Key".into(),
        Tag::Signature => "Signature".into(),
        Tag::SymKeyEncryptedSessionKey => "Symmetric-Key Encrypted Session Key".into(),
        Tag::OnePassSignature => "One-Pass Signature".into(),
        Tag::SecretKey => "Secret-Key".into(),
        Tag::PublicKey => "Public-Key".into(),
        Tag::SecretSubkey => "Secret-Subkey".into(),
        Tag::CompressedData => "Compressed Data".into(),
        Tag::SymEncryptedData => "Symmetrically Encrypted Data".into(),
        Tag::Marker => "Marker".into(),
        Tag::LiteralData => "Literal Data".into(),
        Tag::Trust => "Trust".into(),
        Tag::UserId => "User ID".into(),
        Tag::PublicSubkey => "Public-Subkey".into(),
        Tag::UserAttribute => "User Attribute".into(),
        Tag::SymEncryptedProtectedData => {
            "Symmetrically Encrypted and Integrity Protected Data".into()
        }
        Tag::ModDetectionCode => "Modification Detection Code".into(),
        Tag::GnupgAeadData => "OCB Encrypted Data".into(),
        Tag::Padding => "Padding".into(),
        other => format!("type {}", u8::from(other)),
    }
}

/// The binary OpenPGP packets of a message given armored or binary: what is stored, hashed and
/// counted against the size limit, so that both forms of one message are the same message.
pub fn binary(input: &[u8]) -> Result<Vec<u8>, EnvelopeError> {
    let text = input.trim_ascii_start();
    if !text.starts_with(b"-----BEGIN PGP") {
        return Ok(input.to_vec());
    }
    let mut armor = Dearmor::new(Cursor::new(text));
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut armor, &mut out).map_err(malformed)?;
    match armor.typ {
        Some(pgp::armor::BlockType::Message) => Ok(out),
        Some(other) => Err(malformed(format!(
            "the armor holds a {other}, not a message"
        ))),
        None => Err(malformed("the armor has no header")),
    }
}

/// Bytes as they are, for the armor writer.
struct Raw<'a>(&'a [u8]);

impl pgp::ser::Serialize for Raw<'_> {
    fn to_writer<W: std::io::Write>(&self, writer: &mut W) -> pgp::errors::Result<()> {
        writer.write_all(self.0)?;
        Ok(())
    }

    fn write_len(&self) -> usize {
        self.0.len()
    }
}

/// The ASCII armor of a binary message (`-----BEGIN PGP MESSAGE-----`), for mail and download.
pub fn armored(binary: &[u8]) -> Result<String, EnvelopeError> {
    let mut out = Vec::new();
    pgp::armor::write(
        &Raw(binary),
        pgp::armor::BlockType::Message,
        &mut out,
        None,
        true,
    )
    .map_err(malformed)?;
    String::from_utf8(out).map_err(malformed)
}

/// The SHA-256 of a binary message in lower-case hex: what every party can compare.
pub fn digest(binary: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(binary))
}

/// One key a message must be encrypted to: whose it is, its primary fingerprint, and the
/// fingerprints (upper-case hex) of its (sub)keys usable for encryption
/// (`directory::key::KeyInfo::encryption_fingerprints`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedKey {
    pub contact: i64,
    pub fingerprint: String,
    pub encryption_fingerprints: Vec<String>,
}

/// What a PKESK names for an encryption key with this fingerprint: the key ID (the last 8 bytes
/// of a v4 fingerprint, the first 8 of a v6 one) and the fingerprint itself.
fn names(fingerprint: &str) -> [Recipient; 2] {
    let fingerprint = fingerprint.to_ascii_uppercase();
    let id = if fingerprint.len() == 64 {
        fingerprint[..16].to_owned()
    } else {
        fingerprint[fingerprint.len().saturating_sub(16)..].to_owned()
    };
    [Recipient::KeyId(id), Recipient::Fingerprint(fingerprint)]
}

/// How a message's recipients differ from the expected key set.
#[derive(Debug, Clone, PartialEq, Eq, Default, thiserror::Error)]
#[error("the body is not encrypted to exactly the required keys")]
pub struct KeySetMismatch {
    /// Expected keys the message is not encrypted to (their primary fingerprints).
    pub missing: Vec<ExpectedKey>,
    /// Recipients of the message that are no expected key's.
    pub extra: Vec<Recipient>,
}

/// Whether `found` (from [`recipients`]) is exactly the `expected` key set.
pub fn check_key_set(found: &[Recipient], expected: &[ExpectedKey]) -> Result<(), KeySetMismatch> {
    let found: BTreeSet<&Recipient> = found.iter().collect();
    let mut known: BTreeSet<Recipient> = BTreeSet::new();
    let mut mismatch = KeySetMismatch::default();
    for key in expected {
        let names: Vec<Recipient> = key
            .encryption_fingerprints
            .iter()
            .flat_map(|fpr| names(fpr))
            .collect();
        if !names.iter().any(|name| found.contains(name)) {
            mismatch.missing.push(key.clone());
        }
        known.extend(names);
    }
    mismatch.extra = found
        .into_iter()
        .filter(|recipient| !known.contains(*recipient))
        .cloned()
        .collect();
    if mismatch.missing.is_empty() && mismatch.extra.is_empty() {
        Ok(())
    } else {
        Err(mismatch)
    }
}
