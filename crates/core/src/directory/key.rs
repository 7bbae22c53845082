//! Parsing and validation of a point of contact's OpenPGP public key.
//!
//! [`parse_public_key`] accepts one transferable public key (ASCII-armored or binary),
//! verifies its self-signatures with rPGP and decides, at an injected `now`, whether
//! Liaison can encrypt to it. The module never reads the system clock.
//!
//! Policy, in the order the checks run:
//! 1. The input must parse as OpenPGP keys (`Malformed`), none of them secret (`SecretKey`),
//!    exactly one key (`NotOne`), a v4 or v6 key (`Malformed`).
//! 2. Every self-signature (user ID and user attribute certifications, direct-key signatures,
//!    key revocations, subkey bindings and revocations, embedded back-signatures) must verify
//!    (`BadSignature`). Third-party certifications cannot be checked and are dropped from the
//!    stored copy. Signatures of an unknown version are ignored.
//! 3. A verified key revocation, or every bound user ID being revoked, gives `Revoked`.
//! 4. A primary key created after `now` (beyond [`CLOCK_SKEW_SECS`]) gives `FromTheFuture`.
//! 5. The primary must be bound by at least one current self-signature (`Malformed`), and not
//!    expired at `now` (`Expired`).
//! 6. At least one key must be usable for encryption now (`NoEncryptionKey`): a subkey whose
//!    newest current binding signature has the encrypt-communications or encrypt-storage flag
//!    (or no key-flags subpacket and an encryption algorithm), that is neither revoked nor
//!    expired, and whose algorithm rPGP can encrypt to; or the primary itself under the same
//!    rules. Elgamal and brainpool ECDH keys are not counted: rPGP 0.21 cannot encrypt to them.
//!
//! `KeyInfo::user_ids` lists the user IDs bound by a current, unrevoked self-signature, in the
//! order they appear on the key. `KeyInfo::armored` is the key as parsed, less third-party
//! certifications, re-armored by rPGP (with a CRC24 line for v4, without for v6).

use pgp::composed::{ArmorOptions, PublicOrSecret, SignedPublicKey};
use pgp::crypto::ecc_curve::ECCCurve;
use pgp::crypto::hash::HashAlgorithm;
use pgp::packet::{KeyFlags, Signature, SignatureType, SubpacketData};
use pgp::ser::Serialize;
use pgp::types::{EcdhPublicParams, KeyDetails, KeyVersion, PublicParams, Tag, Timestamp};
use time::OffsetDateTime;

/// Largest input accepted, in bytes. Real keys, even with many signatures, are far smaller.
pub const MAX_KEY_BYTES: usize = 1024 * 1024;

/// How far in the future (seconds) a key or signature creation time may lie before it counts
/// as "in the future": tolerates a key made a moment ago on a machine whose clock runs fast.
pub const CLOCK_SKEW_SECS: i64 = 300;

/// Longest rPGP error text kept in [`KeyError::Malformed`].
const MAX_ERROR_CHARS: usize = 200;

/// What Liaison keeps about a validated key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    /// Primary key fingerprint, upper-case hex without spaces (40 hex chars for v4, 64 for v6).
    pub fingerprint: String,
    /// User IDs as found on the key, e.g. "CERT-EE <cert@ria.ee>".
    pub user_ids: Vec<String>,
    /// When the primary key (or, if earlier, the latest valid self-signature) says it expires; None = never.
    pub expires_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    /// Fingerprints (upper hex) of the subkeys (or primary) usable for encryption right now.
    pub encryption_fingerprints: Vec<String>,
    /// The key re-armored canonically (ASCII armor) so it can be stored and served.
    pub armored: String,
    /// Algorithm name for display, e.g. "Ed25519/Cv25519", "RSA 3072".
    pub algorithm: String,
}

#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum KeyError {
    #[error("the file is not an OpenPGP public key: {0}")]
    Malformed(String),
    #[error("this is a secret key; upload only the public key")]
    SecretKey,
    #[error("the file holds {0} keys; upload exactly one")]
    NotOne(usize),
    #[error("the key's self-signatures do not verify")]
    BadSignature,
    #[error("the key expired on {0}")]
    Expired(String), // date as YYYY-MM-DD
    #[error("the key has been revoked")]
    Revoked,
    #[error("the key has no valid subkey or primary key usable for encryption")]
    NoEncryptionKey,
    #[error("the key was created in the future ({0})")]
    FromTheFuture(String),
}

/// Parses and validates one OpenPGP transferable public key, armored or binary, as of `now`.
pub fn parse_public_key(input: &[u8], now: OffsetDateTime) -> Result<KeyInfo, KeyError> {
    if input.len() > MAX_KEY_BYTES {
        return Err(malformed(format!(
            "the file is larger than {} KiB",
            MAX_KEY_BYTES / 1024
        )));
    }
    let mut keys = read_keys(input)?;
    if keys.iter().any(PublicOrSecret::is_secret) {
        return Err(KeyError::SecretKey);
    }
    if keys.len() != 1 {
        return Err(KeyError::NotOne(keys.len()));
    }
    match keys.pop() {
        Some(PublicOrSecret::Public(key)) => validate(key, now.unix_timestamp()),
        Some(PublicOrSecret::Secret(_)) => Err(KeyError::SecretKey),
        None => Err(KeyError::NotOne(0)),
    }
}

fn malformed(msg: impl Into<String>) -> KeyError {
    let msg: String = msg.into();
    KeyError::Malformed(msg.chars().take(MAX_ERROR_CHARS).collect())
}

fn pgp_error(err: &pgp::errors::Error) -> KeyError {
    malformed(err.to_string())
}

/// Splits the input into keys: binary packets, or one or more ASCII armor blocks.
fn read_keys(input: &[u8]) -> Result<Vec<PublicOrSecret>, KeyError> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let trimmed = input.trim_ascii_start();
    let Some(first) = trimmed.first() else {
        return Err(malformed("the file is empty"));
    };
    let mut keys = Vec::new();
    if first & 0x80 != 0 {
        let iter = PublicOrSecret::from_bytes_many(trimmed).map_err(|e| pgp_error(&e))?;
        collect(iter, &mut keys)?;
    } else {
        // rPGP reads only the first armor block, so find every block ourselves: two keys
        // pasted one after the other must count as two.
        const BEGIN: &[u8] = b"-----BEGIN PGP ";
        let starts: Vec<usize> = trimmed
            .windows(BEGIN.len())
            .enumerate()
            .filter(|(_, w)| *w == BEGIN)
            .map(|(i, _)| i)
            .collect();
        if starts.is_empty() {
            return Err(malformed("no OpenPGP data or ASCII armor found"));
        }
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(trimmed.len());
            let block = trimmed.get(start..end).unwrap_or_default();
            let (iter, _headers) =
                PublicOrSecret::from_armor_many_buf(block).map_err(|e| pgp_error(&e))?;
            collect(iter, &mut keys)?;
        }
    }
    if keys.is_empty() {
        return Err(malformed("no key found"));
    }
    Ok(keys)
}

fn collect(
    iter: impl Iterator<Item = pgp::errors::Result<PublicOrSecret>>,
    keys: &mut Vec<PublicOrSecret>,
) -> Result<(), KeyError> {
    for key in iter {
        keys.push(key.map_err(|e| pgp_error(&e))?);
    }
    Ok(())
}

fn secs(t: Timestamp) -> i64 {
    i64::from(t.as_secs())
}

fn to_datetime(unix: i64) -> Result<OffsetDateTime, KeyError> {
    OffsetDateTime::from_unix_timestamp(unix).map_err(|_| malformed("timestamp out of range"))
}

fn ymd(t: OffsetDateTime) -> String {
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

/// Was `sig` made by the primary key? Signatures naming no issuer are treated as self-signatures
/// (and so must verify), as rPGP does.
fn is_self_issued(sig: &Signature, primary: &impl KeyDetails) -> bool {
    let ids = sig.issuer_key_id();
    let fps = sig.issuer_fingerprint();
    (ids.is_empty() && fps.is_empty())
        || ids.iter().any(|id| **id == primary.legacy_key_id())
        || fps.iter().any(|fp| **fp == primary.fingerprint())
}

/// The creation time of `sig` if it is in force at `now`: created no earlier than the key it is
/// about, not in the future, and not expired.
fn in_force(sig: &Signature, now: i64, key_created: i64) -> Option<i64> {
    let created = secs(sig.created()?);
    if created < key_created || created > now + CLOCK_SKEW_SECS {
        return None;
    }
    if let Some(d) = sig.signature_expiration_time()
        && d.as_secs() != 0
        && created + i64::from(d.as_secs()) <= now
    {
        return None;
    }
    Some(created)
}

/// Absolute expiry from the key-expiration subpacket of `sig`, relative to `key_created`.
fn key_expiry(sig: &Signature, key_created: i64) -> Option<i64> {
    sig.key_expiration_time()
        .filter(|d| d.as_secs() != 0)
        .map(|d| key_created + i64::from(d.as_secs()))
}

fn has_key_flags(sig: &Signature) -> bool {
    sig.config().is_some_and(|c| {
        c.hashed_subpackets()
            .any(|p| matches!(p.data, SubpacketData::KeyFlags(_)))
    })
}

fn flags_encrypt(flags: &KeyFlags) -> bool {
    flags.encrypt_comms() || flags.encrypt_storage()
}

/// May we encrypt to this key, given the signature that states its capabilities?
fn usable_for_encryption(sig: &Signature, key: &impl KeyDetails) -> bool {
    let wants = if has_key_flags(sig) {
        flags_encrypt(&sig.key_flags())
    } else {
        key.algorithm().can_encrypt()
    };
    wants && rpgp_can_encrypt_to(key.public_params())
}

/// Mirrors what rPGP 0.21 can actually encrypt to (see `pgp::packet::key::public::encrypt`).
fn rpgp_can_encrypt_to(params: &PublicParams) -> bool {
    match params {
        PublicParams::RSA(_) | PublicParams::X25519(_) | PublicParams::X448(_) => true,
        PublicParams::ECDH(
            EcdhPublicParams::Curve25519Legacy { hash, .. }
            | EcdhPublicParams::P256 { hash, .. }
            | EcdhPublicParams::P384 { hash, .. }
            | EcdhPublicParams::P521 { hash, .. },
        ) => !matches!(
            hash,
            HashAlgorithm::Md5 | HashAlgorithm::Sha1 | HashAlgorithm::Ripemd160
        ),
        // Brainpool ECDH: "unsupported" for encryption in rPGP 0.21.
        // Elgamal: "unimplemented" in rPGP 0.21. Signing-only algorithms: no.
        // With the `pqc` feature, ML-KEM keys would also qualify; not enabled here.
        _ => false,
    }
}

/// Bit length of the first MPI of the public parameters (RSA n, DSA/Elgamal p).
fn first_mpi_bits(params: &PublicParams) -> Option<u16> {
    let bytes = params.to_bytes().ok()?;
    let hi = *bytes.first()?;
    let lo = *bytes.get(1)?;
    Some(u16::from_be_bytes([hi, lo]))
}

fn curve_name(curve: &ECCCurve) -> String {
    match curve {
        ECCCurve::P256 => "P-256".into(),
        ECCCurve::P384 => "P-384".into(),
        ECCCurve::P521 => "P-521".into(),
        other => other.name().to_string(),
    }
}

fn algorithm_name(key: &impl KeyDetails) -> String {
    let params = key.public_params();
    let bits = || {
        first_mpi_bits(params)
            .map(|b| format!(" {b}"))
            .unwrap_or_default()
    };
    match params {
        PublicParams::RSA(_) => format!("RSA{}", bits()),
        PublicParams::DSA(_) => format!("DSA{}", bits()),
        PublicParams::Elgamal(_) => format!("ElGamal{}", bits()),
        PublicParams::ECDSA(p) => format!("ECDSA {}", curve_name(&p.curve())),
        PublicParams::ECDH(p) => match p.curve() {
            ECCCurve::Curve25519Legacy => "Cv25519".into(),
            curve => format!("ECDH {}", curve_name(&curve)),
        },
        PublicParams::EdDSALegacy(p) => match p.curve() {
            ECCCurve::Ed25519Legacy => "Ed25519".into(),
            curve => format!("EdDSA {}", curve_name(&curve)),
        },
        PublicParams::Ed25519(_) => "Ed25519".into(),
        PublicParams::X25519(_) => "X25519".into(),
        PublicParams::Ed448(_) => "Ed448".into(),
        PublicParams::X448(_) => "X448".into(),
        _ => format!("algorithm {}", u8::from(key.algorithm())),
    }
}

/// Keeps `newest` as the latest in-force signature; on a tie a revocation wins.
fn newer<'a>(newest: &mut Option<(i64, &'a Signature)>, created: i64, sig: &'a Signature) {
    let replace = match newest {
        None => true,
        Some((t, _)) => {
            created > *t
                || (created == *t
                    && matches!(
                        sig.typ(),
                        Some(SignatureType::CertRevocation | SignatureType::SubkeyRevocation)
                    ))
        }
    };
    if replace {
        *newest = Some((created, sig));
    }
}

fn validate(mut key: SignedPublicKey, now: i64) -> Result<KeyInfo, KeyError> {
    let primary = &key.primary_key;
    let version = primary.version();
    if !matches!(version, KeyVersion::V4 | KeyVersion::V6) {
        return Err(malformed(format!(
            "unsupported key version {}",
            u8::from(version)
        )));
    }
    let created = secs(primary.created_at());
    let bad = |_| KeyError::BadSignature;

    // -- Revocations and direct-key signatures on the primary.
    let mut revoked = false;
    for sig in &key.details.revocation_signatures {
        if sig.config().is_none() || !is_self_issued(sig, primary) {
            continue; // unknown version, or a designated revoker we cannot check
        }
        sig.verify_key(primary).map_err(bad)?;
        revoked = true;
    }
    let mut direct: Option<(i64, &Signature)> = None;
    for sig in &key.details.direct_signatures {
        if sig.config().is_none() || !is_self_issued(sig, primary) {
            continue;
        }
        if sig.typ() != Some(SignatureType::Key) {
            continue;
        }
        sig.verify_key(primary).map_err(bad)?;
        if let Some(t) = in_force(sig, now, created) {
            newer(&mut direct, t, sig);
        }
    }

    // -- User IDs: newest in-force self-signature decides whether each is bound or revoked.
    let mut user_ids = Vec::new();
    let mut uid_revoked = false;
    // (is primary, created, signature) of the best candidate for the primary user ID.
    let mut primary_uid: Option<(bool, i64, &Signature)> = None;
    for user in &key.details.users {
        let mut newest = None;
        for sig in &user.signatures {
            if sig.config().is_none() || !is_self_issued(sig, primary) {
                continue;
            }
            sig.verify_certification(primary, Tag::UserId, &user.id)
                .map_err(bad)?;
            if let Some(t) = in_force(sig, now, created) {
                newer(&mut newest, t, sig);
            }
        }
        match newest {
            None => {}
            Some((_, sig)) if sig.typ() == Some(SignatureType::CertRevocation) => {
                uid_revoked = true;
            }
            Some((t, sig)) => {
                user_ids.push(String::from_utf8_lossy(user.id.id()).into_owned());
                let candidate = (sig.is_primary(), t, sig);
                if primary_uid.is_none_or(|(p, ct, _)| (candidate.0, candidate.1) > (p, ct)) {
                    primary_uid = Some(candidate);
                }
            }
        }
    }
    for attr in &key.details.user_attributes {
        for sig in &attr.signatures {
            if sig.config().is_none() || !is_self_issued(sig, primary) {
                continue;
            }
            sig.verify_certification(primary, Tag::UserAttribute, &attr.attr)
                .map_err(bad)?;
        }
    }

    // -- Subkeys: verify every binding and revocation, then judge each one.
    let mut enc_subkeys: Vec<(String, String)> = Vec::new(); // (fingerprint, algorithm)
    for sub in &key.public_subkeys {
        let sub_created = secs(sub.key.created_at());
        let mut sub_revoked = false;
        let mut binding: Option<(i64, &Signature)> = None;
        for sig in &sub.signatures {
            if sig.config().is_none() {
                continue;
            }
            sig.verify_subkey_binding(primary, &sub.key).map_err(bad)?;
            match sig.typ() {
                Some(SignatureType::SubkeyRevocation) => sub_revoked = true,
                Some(SignatureType::SubkeyBinding) => {
                    if sig.key_flags().sign() {
                        // A signing-capable subkey needs a valid back-signature; without one
                        // this binding does not count.
                        let Some(back) = sig.embedded_signature() else {
                            continue;
                        };
                        back.verify_primary_key_binding(&sub.key, primary)
                            .map_err(bad)?;
                    }
                    if let Some(t) = in_force(sig, now, sub_created) {
                        newer(&mut binding, t, sig);
                    }
                }
                _ => {}
            }
        }
        let Some((_, sig)) = binding else { continue };
        if sub_revoked || sub_created > now + CLOCK_SKEW_SECS {
            continue;
        }
        if key_expiry(sig, sub_created).is_some_and(|e| e <= now) {
            continue;
        }
        if usable_for_encryption(sig, &sub.key) {
            enc_subkeys.push((
                format!("{:X}", sub.key.fingerprint()),
                algorithm_name(&sub.key),
            ));
        }
    }

    if revoked || (user_ids.is_empty() && uid_revoked) {
        return Err(KeyError::Revoked);
    }
    if created > now + CLOCK_SKEW_SECS {
        return Err(KeyError::FromTheFuture(ymd(to_datetime(created)?)));
    }

    // -- The primary's own binding: direct-key signature and/or primary user ID.
    let uid_sig = primary_uid.map(|(_, _, sig)| sig);
    let direct_sig = direct.map(|(_, sig)| sig);
    if uid_sig.is_none() && direct_sig.is_none() {
        return Err(malformed("no valid self-signature binds the key"));
    }
    let expires = [direct_sig, uid_sig]
        .into_iter()
        .flatten()
        .filter_map(|sig| key_expiry(sig, created))
        .min();
    if let Some(e) = expires
        && e <= now
    {
        return Err(KeyError::Expired(ymd(to_datetime(e)?)));
    }

    // RFC 9580: v6 keys carry their properties on the direct-key signature; v4 keys mostly on
    // the primary user ID's self-signature.
    let ordered = if version == KeyVersion::V6 {
        [direct_sig, uid_sig]
    } else {
        [uid_sig, direct_sig]
    };
    let flags_sig = ordered
        .iter()
        .flatten()
        .find(|s| has_key_flags(s))
        .or_else(|| ordered.iter().flatten().next());
    let primary_encrypts = flags_sig.is_some_and(|s| usable_for_encryption(s, primary));

    let fingerprint = format!("{:X}", primary.fingerprint());
    let primary_algorithm = algorithm_name(primary);
    let algorithm = match enc_subkeys.first() {
        Some((_, sub)) if *sub != primary_algorithm => format!("{primary_algorithm}/{sub}"),
        Some(_) => primary_algorithm,
        None if primary_encrypts => primary_algorithm,
        None => return Err(KeyError::NoEncryptionKey),
    };
    let mut encryption_fingerprints = Vec::with_capacity(enc_subkeys.len() + 1);
    if primary_encrypts {
        encryption_fingerprints.push(fingerprint.clone());
    }
    encryption_fingerprints.extend(enc_subkeys.into_iter().map(|(fp, _)| fp));
    let created_at = to_datetime(created)?;
    let expires_at = expires.map(to_datetime).transpose()?;

    // -- Canonical copy: drop third-party certifications (we cannot check them and they invite
    // certificate flooding), then any user ID or attribute left without a signature.
    let primary = &key.primary_key;
    for user in &mut key.details.users {
        user.signatures.retain(|s| is_self_issued(s, primary));
    }
    key.details.users.retain(|u| !u.signatures.is_empty());
    for attr in &mut key.details.user_attributes {
        attr.signatures.retain(|s| is_self_issued(s, primary));
    }
    key.details
        .user_attributes
        .retain(|a| !a.signatures.is_empty());
    let armored = key
        .to_armored_string(ArmorOptions {
            headers: None,
            // RFC 9580 §6.2: no CRC24 for v6 data; keep it for v4 for older implementations.
            include_checksum: version != KeyVersion::V6,
        })
        .map_err(|e| pgp_error(&e))?;

    Ok(KeyInfo {
        fingerprint,
        user_ids,
        expires_at,
        created_at,
        encryption_fingerprints,
        armored,
        algorithm,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use pgp::composed::Deserializable;
    use time::macros::datetime;

    const VALID_ED25519: &str = include_str!("../../tests/fixtures/keys/valid-ed25519.asc");
    const VALID_RSA: &str = include_str!("../../tests/fixtures/keys/valid-rsa3072.asc");
    const EXPIRED: &str = include_str!("../../tests/fixtures/keys/expired.asc");
    const REVOKED: &str = include_str!("../../tests/fixtures/keys/revoked.asc");
    const SIGN_ONLY: &str = include_str!("../../tests/fixtures/keys/sign-only.asc");
    const SUBKEY_EXPIRED: &str = include_str!("../../tests/fixtures/keys/subkey-expired.asc");
    const SUBKEY_REVOKED: &str = include_str!("../../tests/fixtures/keys/subkey-revoked.asc");
    const SECRET: &str = include_str!("../../tests/fixtures/keys/secret.asc");
    const TWO_KEYS: &str = include_str!("../../tests/fixtures/keys/two-keys.asc");
    const THIRD_PARTY: &str = include_str!("../../tests/fixtures/keys/third-party-certified.asc");
    const RPGP_V4: &str = include_str!("../../tests/fixtures/keys/rpgp-v4.asc");
    const RPGP_V6: &str = include_str!("../../tests/fixtures/keys/rpgp-v6.asc");
    const GARBAGE: &[u8] = include_bytes!("../../tests/fixtures/keys/garbage.bin");
    const TAMPERED: &[u8] = include_bytes!("../../tests/fixtures/keys/tampered.gpg");

    /// The gpg fixtures are created 2024-01-01T00:00:00Z.
    const FIXTURE_CREATED: OffsetDateTime = datetime!(2024-01-01 00:00 UTC);
    const NOW: OffsetDateTime = datetime!(2025-06-01 12:00 UTC);
    /// rPGP fixtures carry the real time they were generated at; this is well after.
    const LATER: OffsetDateTime = datetime!(2035-01-01 00:00 UTC);

    fn parse(s: &str, now: OffsetDateTime) -> Result<KeyInfo, KeyError> {
        parse_public_key(s.as_bytes(), now)
    }

    fn is_upper_hex(s: &str, len: usize) -> bool {
        s.len() == len
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('A'..='F').contains(&c))
    }

    fn dearmor(s: &str) -> Vec<u8> {
        let (key, _) = SignedPublicKey::from_string(s).unwrap();
        key.to_bytes().unwrap()
    }

    /// Parsing the stored copy again must give the same result.
    fn assert_round_trips(info: &KeyInfo, now: OffsetDateTime) {
        let again = parse(&info.armored, now).unwrap();
        assert_eq!(&again, info);
    }

    #[test]
    fn valid_ed25519_key() {
        let info = parse(VALID_ED25519, NOW).unwrap();
        assert!(is_upper_hex(&info.fingerprint, 40), "{}", info.fingerprint);
        assert_eq!(info.user_ids, vec!["CERT-EE <cert@ria.ee>".to_string()]);
        assert_eq!(info.created_at, FIXTURE_CREATED);
        assert_eq!(info.expires_at, None);
        assert_eq!(info.algorithm, "Ed25519/Cv25519");
        assert_eq!(info.encryption_fingerprints.len(), 1);
        assert!(is_upper_hex(&info.encryption_fingerprints[0], 40));
        assert_ne!(info.encryption_fingerprints[0], info.fingerprint);
        assert!(
            info.armored
                .starts_with("-----BEGIN PGP PUBLIC KEY BLOCK-----")
        );
        assert!(
            info.armored
                .trim_end()
                .ends_with("-----END PGP PUBLIC KEY BLOCK-----")
        );
        assert_round_trips(&info, NOW);
    }

    #[test]
    fn valid_rsa_key() {
        let info = parse(VALID_RSA, NOW).unwrap();
        assert!(is_upper_hex(&info.fingerprint, 40));
        assert_eq!(
            info.user_ids,
            vec!["NCSC-FI <cert@traficom.fi>".to_string()]
        );
        assert_eq!(info.algorithm, "RSA 3072");
        assert_eq!(info.expires_at, None);
        assert_eq!(info.encryption_fingerprints.len(), 1);
        assert_ne!(info.encryption_fingerprints[0], info.fingerprint);
        assert_round_trips(&info, NOW);
    }

    #[test]
    fn binary_input_gives_the_same_result() {
        let armored = parse(VALID_ED25519, NOW).unwrap();
        let binary = parse_public_key(&dearmor(VALID_ED25519), NOW).unwrap();
        assert_eq!(armored, binary);
    }

    #[test]
    fn armor_with_surrounding_text_bom_and_crlf() {
        let text = format!(
            "\u{feff}Here is our key:\r\n\r\n{}\r\nRegards\r\n",
            VALID_ED25519.replace('\n', "\r\n")
        );
        let info = parse(&text, NOW).unwrap();
        assert_eq!(info, parse(VALID_ED25519, NOW).unwrap());
    }

    #[test]
    fn expired_key() {
        assert_eq!(
            parse(EXPIRED, NOW),
            Err(KeyError::Expired("2020-12-31".into()))
        );
        // Before it expired it was fine, and says when it expires.
        let info = parse(EXPIRED, datetime!(2020-06-01 00:00 UTC)).unwrap();
        assert_eq!(info.expires_at, Some(datetime!(2020-12-31 00:00 UTC)));
        assert_eq!(
            info.user_ids,
            vec!["Old CERT <old@cert.example>".to_string()]
        );
        assert_eq!(info.encryption_fingerprints.len(), 1);
        // Exactly at the expiry instant it is expired.
        assert_eq!(
            parse(EXPIRED, datetime!(2020-12-31 00:00 UTC)),
            Err(KeyError::Expired("2020-12-31".into()))
        );
    }

    #[test]
    fn revoked_key() {
        assert_eq!(parse(REVOKED, NOW), Err(KeyError::Revoked));
    }

    #[test]
    fn sign_only_key_has_no_encryption_key() {
        assert_eq!(parse(SIGN_ONLY, NOW), Err(KeyError::NoEncryptionKey));
    }

    #[test]
    fn expired_encryption_subkey() {
        // gpg made the subkey expire 2025-01-02T12:00Z; the primary never expires.
        assert_eq!(parse(SUBKEY_EXPIRED, NOW), Err(KeyError::NoEncryptionKey));
        let info = parse(SUBKEY_EXPIRED, datetime!(2024-06-01 00:00 UTC)).unwrap();
        assert_eq!(info.expires_at, None);
        assert_eq!(info.encryption_fingerprints.len(), 1);
    }

    #[test]
    fn revoked_encryption_subkey() {
        assert_eq!(parse(SUBKEY_REVOKED, NOW), Err(KeyError::NoEncryptionKey));
    }

    #[test]
    fn secret_key_is_refused() {
        assert_eq!(parse(SECRET, NOW), Err(KeyError::SecretKey));
        // Even when pasted together with a public key.
        let both = format!("{VALID_RSA}\n{SECRET}");
        assert_eq!(parse(&both, NOW), Err(KeyError::SecretKey));
    }

    #[test]
    fn more_than_one_key() {
        assert_eq!(parse(TWO_KEYS, NOW), Err(KeyError::NotOne(2)));
        // Two armor blocks pasted one after the other.
        let pasted = format!("{VALID_ED25519}\n{VALID_RSA}");
        assert_eq!(parse(&pasted, NOW), Err(KeyError::NotOne(2)));
        // Two binary keys back to back.
        let mut binary = dearmor(VALID_ED25519);
        binary.extend(dearmor(VALID_RSA));
        assert_eq!(parse_public_key(&binary, NOW), Err(KeyError::NotOne(2)));
    }

    #[test]
    fn garbage_is_malformed() {
        for input in [
            GARBAGE,
            b"" as &[u8],
            b"   \n\t ",
            b"hello world",
            b"\xff\xff\xff\xff",
            b"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot base64!!\n-----END PGP PUBLIC KEY BLOCK-----\n",
            b"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n-----END PGP PUBLIC KEY BLOCK-----\n",
            b"-----BEGIN PGP MESSAGE-----\n\nwcBMA0EAAAAAAAAAAQf/\n-----END PGP MESSAGE-----\n",
        ] {
            let res = parse_public_key(input, NOW);
            assert!(
                matches!(res, Err(KeyError::Malformed(_))),
                "{:?} -> {res:?}",
                String::from_utf8_lossy(input)
            );
        }
        let huge = vec![b'A'; MAX_KEY_BYTES + 1];
        assert!(matches!(
            parse_public_key(&huge, NOW),
            Err(KeyError::Malformed(_))
        ));
    }

    #[test]
    fn tampered_signature() {
        assert_eq!(parse_public_key(TAMPERED, NOW), Err(KeyError::BadSignature));
        // Flip the last byte of the key: the end of the subkey binding signature.
        let mut bytes = dearmor(VALID_ED25519);
        let last = bytes.last_mut().unwrap();
        *last ^= 0x01;
        assert_eq!(parse_public_key(&bytes, NOW), Err(KeyError::BadSignature));
        // Same for RSA.
        let mut bytes = dearmor(VALID_RSA);
        let last = bytes.last_mut().unwrap();
        *last ^= 0x01;
        assert_eq!(parse_public_key(&bytes, NOW), Err(KeyError::BadSignature));
    }

    #[test]
    fn key_without_self_signature() {
        let (key, _) = SignedPublicKey::from_string(VALID_ED25519).unwrap();
        let bare = SignedPublicKey::new(
            key.primary_key.clone(),
            pgp::composed::SignedKeyDetails::new(vec![], vec![], vec![], vec![]),
            key.public_subkeys.clone(),
        );
        let res = parse_public_key(&bare.to_bytes().unwrap(), NOW);
        assert!(matches!(res, Err(KeyError::Malformed(_))), "{res:?}");
    }

    #[test]
    fn created_in_the_future() {
        assert_eq!(
            parse(VALID_ED25519, datetime!(2023-12-31 00:00 UTC)),
            Err(KeyError::FromTheFuture("2024-01-01".into()))
        );
        // A clock a minute behind the key maker's is tolerated.
        let info = parse(VALID_ED25519, datetime!(2023-12-31 23:59 UTC)).unwrap();
        assert_eq!(info.created_at, FIXTURE_CREATED);
    }

    #[test]
    fn third_party_certifications_are_dropped() {
        let info = parse(THIRD_PARTY, NOW).unwrap();
        assert_eq!(
            info.user_ids,
            vec!["NCSC-FI <cert@traficom.fi>".to_string()]
        );
        assert_eq!(info, parse(VALID_RSA, NOW).unwrap());
        let (original, _) = SignedPublicKey::from_string(THIRD_PARTY).unwrap();
        assert_eq!(original.details.users[0].signatures.len(), 2);
        let (stored, _) = SignedPublicKey::from_string(&info.armored).unwrap();
        assert_eq!(stored.details.users[0].signatures.len(), 1);
    }

    #[test]
    fn rpgp_v4_key_round_trips() {
        let info = parse(RPGP_V4, LATER).unwrap();
        assert!(is_upper_hex(&info.fingerprint, 40));
        assert_eq!(info.user_ids, vec!["rPGP v4 <v4@cert.example>".to_string()]);
        assert_eq!(info.algorithm, "Ed25519/X25519");
        assert_eq!(info.encryption_fingerprints.len(), 1);
        assert_round_trips(&info, LATER);
        let binary = parse_public_key(&dearmor(RPGP_V4), LATER).unwrap();
        assert_eq!(binary, info);
    }

    #[test]
    fn rpgp_v6_key_round_trips() {
        let info = parse(RPGP_V6, LATER).unwrap();
        assert!(is_upper_hex(&info.fingerprint, 64), "{}", info.fingerprint);
        assert_eq!(info.user_ids, vec!["rPGP v6 <v6@cert.example>".to_string()]);
        assert_eq!(info.algorithm, "Ed25519/X25519");
        assert_eq!(info.expires_at, None);
        assert_eq!(info.encryption_fingerprints.len(), 1);
        assert!(is_upper_hex(&info.encryption_fingerprints[0], 64));
        // No CRC24 line for v6 (RFC 9580).
        assert!(!info.armored.lines().any(|l| l.starts_with('=')));
        assert_round_trips(&info, LATER);
        // Before it was made: in the future.
        assert!(matches!(
            parse(RPGP_V6, FIXTURE_CREATED),
            Err(KeyError::FromTheFuture(_))
        ));
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            KeyError::NotOne(2).to_string(),
            "the file holds 2 keys; upload exactly one"
        );
        assert_eq!(
            KeyError::Expired("2020-12-31".into()).to_string(),
            "the key expired on 2020-12-31"
        );
        let long = parse_public_key(&[b'x'; 5000], NOW).unwrap_err();
        assert!(long.to_string().len() < 300);
    }

    /// Tiny deterministic xorshift64* generator: no extra crates.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.0 = x;
            x.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % (n.max(1) as u64)) as usize
        }
        fn byte(&mut self) -> u8 {
            self.next().to_le_bytes()[0]
        }
    }

    fn mutate(rng: &mut XorShift, seed: &[u8]) -> Vec<u8> {
        let mut v = seed.to_vec();
        // Mostly one small change, so that many inputs get past the parser into validation.
        let changes = if rng.below(3) == 0 {
            1 + rng.below(8)
        } else {
            1
        };
        for _ in 0..changes {
            match rng.below(6) {
                0 | 1 if !v.is_empty() => {
                    let i = rng.below(v.len());
                    v[i] ^= 1 << rng.below(8);
                }
                2 if !v.is_empty() => {
                    let i = rng.below(v.len());
                    v[i] = rng.byte();
                }
                3 => {
                    let at = rng.below(v.len() + 1);
                    v.truncate(at);
                }
                4 => {
                    let at = rng.below(v.len() + 1);
                    let b = rng.byte();
                    v.insert(at, b);
                }
                _ if !v.is_empty() => {
                    // Duplicate a slice: exercises lengths and repeated packets.
                    let a = rng.below(v.len());
                    let b = (a + rng.below(64)).min(v.len());
                    let chunk = v[a..b].to_vec();
                    let at = rng.below(v.len() + 1);
                    v.splice(at..at, chunk);
                }
                _ => v.push(rng.byte()),
            }
        }
        v
    }

    #[test]
    fn fuzz_never_panics() {
        let armored: Vec<&[u8]> = [
            VALID_ED25519,
            VALID_RSA,
            EXPIRED,
            REVOKED,
            SUBKEY_REVOKED,
            SECRET,
            RPGP_V6,
        ]
        .iter()
        .map(|s| s.as_bytes())
        .collect();
        let binary: Vec<Vec<u8>> = [VALID_ED25519, REVOKED, SUBKEY_EXPIRED, RPGP_V6, RPGP_V4]
            .iter()
            .map(|s| dearmor(s))
            .collect();
        let mut seeds: Vec<&[u8]> = armored;
        seeds.extend(binary.iter().map(Vec::as_slice));
        seeds.push(TAMPERED);
        seeds.push(GARBAGE);

        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let mut accepted = 0;
        for round in 0..5000 {
            let input: Vec<u8> = if round % 5 == 0 {
                // Pure noise, sometimes starting like a binary key packet.
                let len = rng.below(600);
                let mut v: Vec<u8> = (0..len).map(|_| rng.byte()).collect();
                if round % 2 == 0 && !v.is_empty() {
                    v[0] = 0x98 | (rng.byte() & 0x03);
                }
                v
            } else {
                let seed = seeds[rng.below(seeds.len())];
                mutate(&mut rng, seed)
            };
            let now = if round % 3 == 0 { LATER } else { NOW };
            if parse_public_key(&input, now).is_ok() {
                accepted += 1;
            }
        }
        // Some mutations hit armor headers or whitespace and still parse: that is fine, the
        // point is that nothing panicked. Sanity check that the loop really ran.
        assert!(accepted < 5000);
    }
}
