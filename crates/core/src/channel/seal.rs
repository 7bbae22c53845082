//! The client's side of the channel, never run by the server on a request: sealing a message to
//! a key set (OpenPGP, SEIPD v1 with AES-256, which GnuPG 2.2 and later read) and opening one
//! with a secret key. The plaintext is a MIME entity (RFC 2045) with the subject as a protected
//! header, so that a PGP/MIME mail client shows the decrypted notification as a mail; see
//! [`compose`] and [`parse`].

use crate::directory::key::parse_public_key;
use pgp::composed::{Deserializable, Message, MessageBuilder, SignedPublicKey, SignedSecretKey};
use pgp::crypto::sym::SymmetricKeyAlgorithm;
use pgp::types::{KeyDetails, Password};
use time::OffsetDateTime;

/// Why a message cannot be sealed or opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("public key: {0}")]
    PublicKey(String),
    #[error("secret key: {0}")]
    SecretKey(String),
    #[error("encryption failed: {0}")]
    Encrypt(String),
    #[error("the message cannot be opened with this key: {0}")]
    Decrypt(String),
    #[error("the decrypted content is not a MIME message: {0}")]
    Mime(String),
}

/// Encrypts `plaintext` to the encryption-capable (sub)keys of every armored public key, as of
/// `now`; armored output.
pub fn seal(
    plaintext: &[u8],
    public_keys: &[&str],
    now: OffsetDateTime,
) -> Result<String, SealError> {
    let mut rng = rand_pgp::rngs::OsRng;
    let mut builder = MessageBuilder::from_bytes("", plaintext.to_vec())
        .seipd_v1(&mut rng, SymmetricKeyAlgorithm::AES256);
    // A key listed twice (two contacts sharing one key) is encrypted to once: a message
    // addressed twice to one key is not one the server accepts.
    let mut sealed_to = std::collections::BTreeSet::new();
    for armored in public_keys {
        let info = parse_public_key(armored.as_bytes(), now)
            .map_err(|e| SealError::PublicKey(e.to_string()))?;
        if !sealed_to.insert(info.fingerprint.clone()) {
            continue;
        }
        let (key, _) = SignedPublicKey::from_string(armored)
            .map_err(|e| SealError::PublicKey(e.to_string()))?;
        let wanted = &info.encryption_fingerprints;
        let mut any = false;
        if wanted.contains(&format!("{:X}", key.primary_key.fingerprint())) {
            builder
                .encrypt_to_key(&mut rng, &key.primary_key)
                .map_err(|e| SealError::Encrypt(e.to_string()))?;
            any = true;
        }
        for sub in &key.public_subkeys {
            if wanted.contains(&format!("{:X}", sub.key.fingerprint())) {
                builder
                    .encrypt_to_key(&mut rng, &sub.key)
                    .map_err(|e| SealError::Encrypt(e.to_string()))?;
                any = true;
            }
        }
        if !any {
            return Err(SealError::PublicKey(format!(
                "{} has no key usable for encryption",
                info.fingerprint
            )));
        }
    }
    builder
        .to_armored_string(rng, Default::default())
        .map_err(|e| SealError::Encrypt(e.to_string()))
}

/// Decrypts a message (armored or binary) with an armored secret key and its passphrase.
pub fn open(message: &[u8], secret_key: &str, passphrase: &str) -> Result<Vec<u8>, SealError> {
    let (key, _) = SignedSecretKey::from_string(secret_key)
        .map_err(|e| SealError::SecretKey(e.to_string()))?;
    let binary = super::envelope::binary(message).map_err(|e| SealError::Decrypt(e.to_string()))?;
    let parsed = Message::from_bytes(&binary[..]).map_err(|e| SealError::Decrypt(e.to_string()))?;
    let mut decrypted = parsed
        .decrypt(&Password::from(passphrase), &key)
        .map_err(|e| SealError::Decrypt(e.to_string()))?;
    if decrypted.is_compressed() {
        decrypted = decrypted
            .decompress()
            .map_err(|e| SealError::Decrypt(e.to_string()))?;
    }
    decrypted
        .as_data_vec()
        .map_err(|e| SealError::Decrypt(e.to_string()))
}

/// A new key pair: an Ed25519 primary key that certifies and signs, with a Curve25519
/// encryption subkey (the shape GnuPG makes by default), created now by the system clock (rPGP
/// dates the self-signatures by it), its secret parts protected by `passphrase` (none when
/// empty). Armored secret key and public key.
pub fn generate(user_id: &str, passphrase: &str) -> Result<(String, String), SealError> {
    use pgp::composed::{EncryptionCaps, KeyType, SecretKeyParamsBuilder, SubkeyParamsBuilder};
    use pgp::crypto::ecc_curve::ECCCurve;
    let passphrase = (!passphrase.is_empty()).then(|| passphrase.to_owned());
    let mut subkey = SubkeyParamsBuilder::default();
    subkey
        .key_type(KeyType::ECDH(ECCCurve::Curve25519Legacy))
        .can_encrypt(EncryptionCaps::All)
        .passphrase(passphrase.clone());
    let subkey = subkey
        .build()
        .map_err(|e| SealError::SecretKey(e.to_string()))?;
    let mut params = SecretKeyParamsBuilder::default();
    params
        .key_type(KeyType::Ed25519Legacy)
        .can_certify(true)
        .can_sign(true)
        .primary_user_id(user_id.to_owned())
        .passphrase(passphrase)
        .subkeys(vec![subkey]);
    let secret = params
        .build()
        .map_err(|e| SealError::SecretKey(e.to_string()))?
        .generate(rand_pgp::rngs::OsRng)
        .map_err(|e| SealError::SecretKey(e.to_string()))?;
    let public = SignedPublicKey::from(secret.clone());
    let secret_armored = secret
        .to_armored_string(Default::default())
        .map_err(|e| SealError::SecretKey(e.to_string()))?;
    let public_armored = public
        .to_armored_string(Default::default())
        .map_err(|e| SealError::PublicKey(e.to_string()))?;
    Ok((secret_armored, public_armored))
}

/// The public key of an armored secret key, armored (to register a key made elsewhere).
pub fn public_of(secret_key: &str) -> Result<String, SealError> {
    let (key, _) = SignedSecretKey::from_string(secret_key)
        .map_err(|e| SealError::SecretKey(e.to_string()))?;
    SignedPublicKey::from(key)
        .to_armored_string(Default::default())
        .map_err(|e| SealError::PublicKey(e.to_string()))
}

/// A file attached to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

/// The content of a request or reply, before sealing and after opening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub subject: String,
    pub body: String,
    pub attachments: Vec<Attachment>,
}

/// The MIME entity of a content: `multipart/mixed` with the subject as a protected header, the
/// body as `text/plain; charset=utf-8` in quoted-printable and each attachment base64-encoded.
/// The body is written in MIME's canonical form, lines ending in CRLF, so that quoted-printable
/// encodes only what needs it (never a line break as `=0A`): `gpg --decrypt` shows it as it was
/// written, and a mail reader (Thunderbird, Python's `email`) reads back the same text.
pub fn compose(content: &Content) -> Result<Vec<u8>, SealError> {
    use base64::Engine;
    let boundary = format!("liaison-{}", hex::encode(rand::random::<[u8; 12]>()));
    let mut out = String::new();
    out.push_str("MIME-Version: 1.0\r\n");
    out.push_str(&format!("Subject: {}\r\n", encode_header(&content.subject)));
    out.push_str(&format!(
        "Content-Type: multipart/mixed; boundary=\"{boundary}\"; protected-headers=\"v1\"\r\n\r\n"
    ));
    out.push_str(&format!("--{boundary}\r\n"));
    out.push_str(
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
    );
    out.push_str(&quoted_printable::encode_to_str(
        canonical(&content.body).as_bytes(),
    ));
    out.push_str("\r\n");
    for attachment in &content.attachments {
        if attachment.filename.contains(['"', '\r', '\n']) {
            return Err(SealError::Mime(format!(
                "the file name '{}' holds a quote or a line break",
                attachment.filename.escape_debug()
            )));
        }
        out.push_str(&format!("--{boundary}\r\n"));
        out.push_str(&format!(
            "Content-Type: {}; name=\"{}\"\r\nContent-Disposition: attachment; filename=\"{}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
            attachment.content_type, attachment.filename, attachment.filename
        ));
        out.push_str(&wrapped(
            &base64::engine::general_purpose::STANDARD.encode(&attachment.data),
        ));
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    Ok(out.into_bytes())
}

/// A text with every line break as CRLF (a lone CR stays, and quoted-printable encodes it).
fn canonical(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 40);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

fn wrapped(base64: &str) -> String {
    let mut out = String::with_capacity(base64.len() + base64.len() / 38 + 2);
    for chunk in base64.as_bytes().chunks(76) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push_str("\r\n");
    }
    out
}

/// An RFC 2047 encoded word when the subject is not plain ASCII.
fn encode_header(text: &str) -> String {
    use base64::Engine;
    let one_line: String = text.chars().filter(|c| !c.is_control()).collect();
    if one_line.is_ascii() {
        one_line
    } else {
        format!(
            "=?utf-8?b?{}?=",
            base64::engine::general_purpose::STANDARD.encode(one_line.as_bytes())
        )
    }
}

/// Reads a decrypted MIME entity back into its subject, body and attachments. Content that is
/// not MIME (a plain text someone encrypted with gpg) is the body, without subject.
pub fn parse(plaintext: &[u8]) -> Result<Content, SealError> {
    let looks_mime = plaintext
        .split(|b| *b == b'\n')
        .take_while(|line| !line.is_empty() && *line != b"\r")
        .any(|line| line.to_ascii_lowercase().starts_with(b"content-type:"));
    if !looks_mime {
        // A plain text, as someone encrypting with GnuPG writes it: a first `Subject:` line
        // followed by an empty line gives the subject.
        let text = String::from_utf8_lossy(plaintext).into_owned();
        let normalised = text.replace("\r\n", "\n");
        if let Some((first, rest)) = normalised.split_once("\n\n")
            && let Some(subject) = first.strip_prefix("Subject:")
            && !first.contains('\n')
        {
            return Ok(Content {
                subject: subject.trim().to_owned(),
                body: rest.to_owned(),
                attachments: Vec::new(),
            });
        }
        return Ok(Content {
            subject: String::new(),
            body: text,
            attachments: Vec::new(),
        });
    }
    use mail_parser::MimeHeaders;
    let message = mail_parser::MessageParser::default()
        .parse(plaintext)
        .ok_or_else(|| SealError::Mime("unreadable".into()))?;
    // The body's lines end as the reader's own texts do (LF), whatever the canonical form.
    let body = message
        .body_text(0)
        .map(|text| text.replace("\r\n", "\n"))
        .unwrap_or_default();
    let attachments = message
        .attachments()
        .map(|part| Attachment {
            filename: part
                .attachment_name()
                .unwrap_or("attachment.bin")
                .to_owned(),
            content_type: part
                .content_type()
                .map(|ct| match ct.subtype() {
                    Some(sub) => format!("{}/{}", ct.ctype(), sub),
                    None => ct.ctype().to_owned(),
                })
                .unwrap_or_else(|| "application/octet-stream".into()),
            data: part.contents().to_vec(),
        })
        .collect();
    Ok(Content {
        subject: message.subject().unwrap_or_default().to_owned(),
        body,
        attachments,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::datetime;

    const PUBLIC: &str = include_str!("../../tests/fixtures/keys/valid-ed25519.asc");
    const SECRET: &str = include_str!("../../tests/fixtures/keys/secret.asc");
    const OTHER: &str = include_str!("../../tests/fixtures/keys/valid-rsa3072.asc");
    const NOW: OffsetDateTime = datetime!(2027-01-15 10:00 UTC);

    #[test]
    fn a_sealed_content_opens_with_the_recipient_key_only() {
        let content = Content {
            subject: "Incident 2026-117: Übersicht".into(),
            body: "Indicators attached.\nTLP:AMBER\n".into(),
            attachments: vec![Attachment {
                filename: "iocs.csv".into(),
                content_type: "text/csv".into(),
                data: b"type,value\nip,192.0.2.7\n".to_vec(),
            }],
        };
        let sealed = seal(&compose(&content).unwrap(), &[PUBLIC, OTHER], NOW).unwrap();
        assert!(sealed.starts_with("-----BEGIN PGP MESSAGE-----"));
        assert_eq!(
            super::super::envelope::recipients(sealed.as_bytes())
                .unwrap()
                .len(),
            2
        );
        let opened = parse(&open(sealed.as_bytes(), SECRET, "").unwrap()).unwrap();
        assert_eq!(opened, content);
        let only_other = seal(b"x", &[OTHER], NOW).unwrap();
        assert!(matches!(
            open(only_other.as_bytes(), SECRET, ""),
            Err(SealError::Decrypt(_))
        ));
    }

    #[test]
    fn a_generated_key_pair_passes_the_directory_and_opens_with_its_passphrase() {
        let (secret, public) = generate("CERT-Test <cert@test.example>", "correct horse").unwrap();
        let now = crate::clock::Clock::now(&crate::clock::SystemClock);
        let info = parse_public_key(public.as_bytes(), now).unwrap();
        assert_eq!(info.encryption_fingerprints.len(), 1);
        assert_eq!(public_of(&secret).unwrap(), public);
        let sealed = seal(b"hello", &[&public], now).unwrap();
        assert_eq!(
            open(sealed.as_bytes(), &secret, "correct horse").unwrap(),
            b"hello"
        );
        assert!(open(sealed.as_bytes(), &secret, "wrong").is_err());
    }

    #[test]
    fn plain_text_is_the_body_with_a_subject_line_if_it_starts_with_one() {
        let content = parse(b"Just a note, no headers.\n").unwrap();
        assert_eq!(content.subject, "");
        assert_eq!(content.body, "Just a note, no headers.\n");
        let content = parse(b"Subject: Re: incident\n\nConfirmed.\n").unwrap();
        assert_eq!(content.subject, "Re: incident");
        assert_eq!(content.body, "Confirmed.\n");
    }

    #[test]
    fn the_body_is_canonical_text_without_encoded_line_breaks() {
        let content = Content {
            subject: "Lagebild".into(),
            body: format!(
                "Erste Zeile: Übersicht\nZweite Zeile {}\n\nEnde.",
                "x".repeat(90)
            ),
            attachments: Vec::new(),
        };
        let mime = String::from_utf8(compose(&content).unwrap()).unwrap();
        assert!(!mime.contains("=0A") && !mime.contains("=0D"), "{mime}");
        assert!(
            mime.contains("Erste Zeile: =C3=9Cbersicht\r\nZweite Zeile "),
            "{mime}"
        );
        // A line over 76 characters is wrapped with a soft line break, and reads back whole.
        assert!(mime.contains("=\r\n"), "{mime}");
        assert_eq!(parse(mime.as_bytes()).unwrap().body, content.body);
    }

    proptest! {
        /// Whatever the subject, body and attachment, the MIME entity reads back the same.
        #[test]
        fn compose_then_parse_is_the_identity(
            subject in "[^\\p{C}]{0,60}",
            body in "[^\\p{C}]{0,200}(\n[^\\p{C}]{0,80}){0,3}",
            data in proptest::collection::vec(any::<u8>(), 0..300),
            name in "[a-z0-9]{1,12}\\.(bin|txt|pdf)",
        ) {
            let content = Content {
                subject: subject.trim().to_owned(),
                body,
                attachments: vec![Attachment { filename: name, content_type: "application/octet-stream".into(), data }],
            };
            let parsed = parse(&compose(&content).unwrap()).unwrap();
            prop_assert_eq!(parsed.subject, content.subject);
            prop_assert_eq!(parsed.body, content.body.replace("\r\n", "\n"));
            prop_assert_eq!(parsed.attachments, content.attachments);
        }
    }
}
