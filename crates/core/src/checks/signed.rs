//! OpenPGP-signed answers to a challenge: a cleartext-signed text (`gpg --clearsign`, or
//! `liaison checks answer --key`) that carries the challenge's token, verified against the
//! contact's registered public key. Such an answer proves more than a click on the link: the
//! contact still holds the key the directory lists for it.

use super::launch::TOKEN_BYTES;
use pgp::composed::{CleartextSignedMessage, Deserializable, SignedPublicKey, SignedSecretKey};
use pgp::types::{KeyDetails, Password};

/// The first line of the text `liaison checks answer --key` signs; any text carrying the token
/// is accepted.
pub const ANSWER_HEADING: &str = "Liaison communication check: answered.";

/// Why a signed answer is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignedError {
    #[error(
        "the answer is not an OpenPGP cleartext-signed message (-----BEGIN PGP SIGNED MESSAGE-----): {0}"
    )]
    NotSigned(String),
    #[error("the signed text carries no challenge token (43 characters from the challenge link)")]
    NoToken,
    #[error("the signed text carries more than one challenge token; sign one answer at a time")]
    SeveralTokens,
    #[error("the contact has no registered OpenPGP key; answer by the link or in the app")]
    NoKey,
    #[error("the registered OpenPGP key of this contact could not be read: {0}")]
    BadKey(String),
    #[error(
        "the signature was not made with the contact's registered OpenPGP key (or the text was changed after signing)"
    )]
    BadSignature,
    #[error("the secret key could not sign: {0}")]
    CannotSign(String),
}

/// A signed answer as received: the token it carries and the parsed message.
#[derive(Debug, Clone)]
pub struct SignedAnswer {
    pub token: String,
    message: CleartextSignedMessage,
}

/// Reads a cleartext-signed answer and finds the one token in its text. The token is a word of
/// exactly 43 base64url characters, so that a whole answer mail, or the link itself, may be
/// signed.
pub fn read(armored: &str) -> Result<SignedAnswer, SignedError> {
    let (message, _) = CleartextSignedMessage::from_string(armored.trim_start())
        .map_err(|e| SignedError::NotSigned(e.to_string()))?;
    let token = token_in(message.text())?;
    Ok(SignedAnswer { token, message })
}

/// The one challenge token in `text`.
pub fn token_in(text: &str) -> Result<String, SignedError> {
    let length = (TOKEN_BYTES * 4).div_ceil(3);
    let mut found: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|word| word.len() == length)
        .collect();
    found.sort_unstable();
    found.dedup();
    match found.as_slice() {
        [] => Err(SignedError::NoToken),
        [token] => Ok((*token).to_owned()),
        _ => Err(SignedError::SeveralTokens),
    }
}

impl SignedAnswer {
    /// Verifies the signature against `armored_key`, the contact's registered public key: its
    /// primary key or a subkey bound for signing. Returns the fingerprint of the key that
    /// signed, in upper-case hex.
    pub fn verify(&self, armored_key: Option<&str>) -> Result<String, SignedError> {
        let armored_key = armored_key.ok_or(SignedError::NoKey)?;
        let (key, _) = SignedPublicKey::from_string(armored_key)
            .map_err(|e| SignedError::BadKey(e.to_string()))?;
        if self.message.verify(&key).is_ok() {
            return Ok(fingerprint(&key));
        }
        for subkey in &key.public_subkeys {
            let signs = subkey.signatures.iter().any(|s| s.key_flags().sign());
            if signs && self.message.verify(subkey).is_ok() {
                return Ok(fingerprint(&key));
            }
        }
        Err(SignedError::BadSignature)
    }
}

fn fingerprint(key: &SignedPublicKey) -> String {
    hex::encode_upper(key.fingerprint().as_bytes())
}

/// The text `liaison checks answer --key` signs for a token.
pub fn answer_text(token: &str) -> String {
    format!("{ANSWER_HEADING}\nToken: {token}\n")
}

/// Signs the answer to `token` with an armored secret key (its primary key when that may sign,
/// else its first signing subkey), unlocked with `passphrase` (empty for none).
pub fn sign_answer(
    armored_secret_key: &str,
    passphrase: &str,
    token: &str,
) -> Result<String, SignedError> {
    let (key, _) = SignedSecretKey::from_string(armored_secret_key)
        .map_err(|e| SignedError::CannotSign(e.to_string()))?;
    let password = Password::from(passphrase);
    let text = answer_text(token);
    let rng = rand_pgp::rngs::OsRng;
    let primary_signs = key
        .details
        .users
        .iter()
        .flat_map(|user| user.signatures.iter())
        .any(|s| s.key_flags().sign());
    let message = match key
        .secret_subkeys
        .iter()
        .find(|sub| sub.signatures.iter().any(|s| s.key_flags().sign()))
    {
        Some(subkey) if !primary_signs => {
            CleartextSignedMessage::sign(rng, &text, &subkey.key, &password)
        }
        _ => CleartextSignedMessage::sign(rng, &text, &key.primary_key, &password),
    }
    .map_err(|e| SignedError::CannotSign(e.to_string()))?;
    message
        .to_armored_string(Default::default())
        .map_err(|e| SignedError::CannotSign(e.to_string()))
}
