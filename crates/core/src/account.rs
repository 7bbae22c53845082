//! Accounts: usernames and how they are normalised, password hashing (Argon2id), the password
//! policy, and the TOTP second factor with the rule that one code works once.

use argon2::Argon2;
use liaison_types::account::Role;
use liaison_types::state::StateCode;
use time::OffsetDateTime;
use totp_rs::{Secret, Totp};

/// Minimum password length: long passphrases over character classes (NIST SP 800-63B).
pub const MIN_PASSWORD_LEN: usize = 12;

/// Maximum password length, in characters.
pub const MAX_PASSWORD_LEN: usize = 256;

/// The longest username a login form or body may carry, in bytes, before anything else is done
/// with it: no account has a longer one, and a limiter must not keep megabyte keys.
pub const MAX_USERNAME_INPUT: usize = 256;

/// The most common passwords (see the file's header for where the list comes from).
static COMMON_PASSWORDS: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        include_str!("../data/common-passwords.txt")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .collect()
    });

/// A username as typed, in the one form every lookup and limiter uses: trimmed, Unicode NFKC,
/// lower-case. `None` when the input is longer than [`MAX_USERNAME_INPUT`] (no account has
/// such a name). Creation and login both go through this, so `"Est.Policy "` and `est.policy`
/// are one account and one limiter key.
pub fn normalize_username(typed: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    if typed.len() > MAX_USERNAME_INPUT {
        return None;
    }
    Some(typed.trim().nfkc().collect::<String>().to_lowercase())
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AccountError {
    #[error("the password must be at least {MIN_PASSWORD_LEN} characters long")]
    PasswordTooShort,
    #[error("the password may be at most {MAX_PASSWORD_LEN} characters long")]
    PasswordTooLong,
    #[error("the password is one of the most common passwords; choose a passphrase of your own")]
    PasswordCommon,
    #[error("the password must not contain the username")]
    PasswordContainsUsername,
    #[error("the password could not be hashed: {0}")]
    Hashing(String),
    #[error("the username must be 3 to 64 characters: lower-case letters, digits, '.', '-' or '_'")]
    BadUsername,
    #[error("the TOTP secret is not valid")]
    BadTotpSecret,
}

/// What is wrong with a field of a new account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountInvalid {
    Username,
    PasswordTooShort,
    PasswordTooLong,
    PasswordCommon,
    PasswordContainsUsername,
    Email(String),
    StateRequired,
    StateNotAllowed,
    Role(String),
    StateCode(String),
    UsernameTaken(String),
    UnknownState(String),
    /// Only a point of contact's account is linked to a directory contact.
    ContactNotAllowed,
    UnknownContact(String),
    /// The contact is in another State's entry.
    ContactElsewhere(String),
    /// The contact is a national structure or retired.
    NotAPointOfContact(String),
    /// The current password given to change it is not the account's.
    WrongPassword,
    /// The new password is the current one.
    SamePassword,
    /// The code given to confirm a second factor's enrolment does not match its secret.
    TotpCode,
    /// The network manager would disable its own account or give up its role.
    OwnManagement,
    /// The change would leave no enabled network manager.
    LastManager,
    /// The contact is already another account's.
    ContactTaken(String),
    /// A display name is empty, longer than [`MAX_DISPLAY_NAME`] characters or holds control
    /// characters.
    DisplayName,
}

/// The longest display name.
pub const MAX_DISPLAY_NAME: usize = 200;

impl crate::wording::Worded for AccountInvalid {
    fn message_id(&self) -> &'static str {
        match self {
            AccountInvalid::Username => "invalid-username",
            AccountInvalid::PasswordTooShort => "invalid-password-too-short",
            AccountInvalid::PasswordTooLong => "invalid-password-too-long",
            AccountInvalid::PasswordCommon => "invalid-password-common",
            AccountInvalid::PasswordContainsUsername => "invalid-password-username",
            AccountInvalid::Email(_) => "invalid-email",
            AccountInvalid::StateRequired => "invalid-state-required",
            AccountInvalid::StateNotAllowed => "invalid-state-not-allowed",
            AccountInvalid::Role(_) => "invalid-role",
            AccountInvalid::StateCode(_) => "invalid-state-code",
            AccountInvalid::UsernameTaken(_) => "invalid-username-taken",
            AccountInvalid::UnknownState(_) => "invalid-unknown-state",
            AccountInvalid::ContactNotAllowed => "invalid-contact-not-allowed",
            AccountInvalid::UnknownContact(_) => "invalid-unknown-contact",
            AccountInvalid::ContactElsewhere(_) => "invalid-contact-elsewhere",
            AccountInvalid::NotAPointOfContact(_) => "invalid-not-a-point-of-contact",
            AccountInvalid::WrongPassword => "invalid-wrong-password",
            AccountInvalid::SamePassword => "invalid-same-password",
            AccountInvalid::TotpCode => "invalid-totp-code",
            AccountInvalid::OwnManagement => "invalid-own-management",
            AccountInvalid::LastManager => "invalid-last-manager",
            AccountInvalid::ContactTaken(_) => "invalid-contact-taken",
            AccountInvalid::DisplayName => "invalid-display-name",
        }
    }

    fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            AccountInvalid::Email(value)
            | AccountInvalid::Role(value)
            | AccountInvalid::StateCode(value)
            | AccountInvalid::UsernameTaken(value)
            | AccountInvalid::UnknownState(value)
            | AccountInvalid::UnknownContact(value)
            | AccountInvalid::ContactElsewhere(value)
            | AccountInvalid::NotAPointOfContact(value)
            | AccountInvalid::ContactTaken(value) => vec![("value", value.clone())],
            AccountInvalid::DisplayName => vec![("max", MAX_DISPLAY_NAME.to_string())],
            _ => Vec::new(),
        }
    }
}

/// Whether a new account may be linked to directory contact `id` (found as `contact`, or not):
/// a point of contact's account, to an active point of contact of its own State. Its
/// challenges are then answered in the app by this account.
pub fn check_contact_link(
    role: Role,
    state: Option<&StateCode>,
    id: i64,
    contact: Option<&liaison_types::directory::Contact>,
) -> Result<(), AccountInvalid> {
    if role != Role::Poc {
        return Err(AccountInvalid::ContactNotAllowed);
    }
    let Some(contact) = contact else {
        return Err(AccountInvalid::UnknownContact(id.to_string()));
    };
    if Some(&contact.state) != state {
        return Err(AccountInvalid::ContactElsewhere(id.to_string()));
    }
    match contact.kind {
        liaison_types::directory::ContactKind::Poc { .. } if !contact.retired => Ok(()),
        _ => Err(AccountInvalid::NotAPointOfContact(id.to_string())),
    }
}

/// Field name → what is wrong with a new account.
pub type AccountProblems = std::collections::BTreeMap<String, AccountInvalid>;

/// Checks a new account's fields, every problem at once. Whether the username is free and the
/// State exists is for the store to say.
pub fn check_account(
    username: &str,
    display_name: &str,
    email: &str,
    password: &str,
    role: Role,
    state: Option<&StateCode>,
) -> Result<(), AccountProblems> {
    let mut problems = check_profile(display_name, email, role, state);
    if check_username(username).is_err() {
        problems.insert("username".into(), AccountInvalid::Username);
    }
    if let Err(problem) = check_password_policy(password, username) {
        problems.insert("password".into(), problem);
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// Checks what the network manager may change on an account: its display name, email, and a
/// State that fits its role. Every problem at once (empty when none).
pub fn check_profile(
    display_name: &str,
    email: &str,
    role: Role,
    state: Option<&StateCode>,
) -> AccountProblems {
    let mut problems = AccountProblems::new();
    if display_name.trim().is_empty()
        || display_name.chars().count() > MAX_DISPLAY_NAME
        || display_name.contains(char::is_control)
    {
        problems.insert("display_name".into(), AccountInvalid::DisplayName);
    }
    let email = email.trim();
    let email_ok = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
        && !email.contains(char::is_whitespace);
    if !email_ok {
        problems.insert("email".into(), AccountInvalid::Email(email.to_owned()));
    }
    match (role.belongs_to_state(), state) {
        (true, None) => {
            problems.insert("state".into(), AccountInvalid::StateRequired);
        }
        (false, Some(_)) => {
            problems.insert("state".into(), AccountInvalid::StateNotAllowed);
        }
        _ => {}
    }
    problems
}

/// Refuses passwords the policy does not accept: shorter than [`MIN_PASSWORD_LEN`] or longer
/// than [`MAX_PASSWORD_LEN`] characters, one of the most common passwords (also with digits or
/// punctuation before or after it, as in `password2026!`), or containing the username.
pub fn check_password_policy(password: &str, username: &str) -> Result<(), AccountInvalid> {
    check_password_length(password).map_err(|e| match e {
        AccountError::PasswordTooShort => AccountInvalid::PasswordTooShort,
        _ => AccountInvalid::PasswordTooLong,
    })?;
    let lower = password.to_lowercase();
    let core = lower.trim_matches(|c: char| {
        c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace()
    });
    if COMMON_PASSWORDS.contains(lower.as_str()) || COMMON_PASSWORDS.contains(core) {
        return Err(AccountInvalid::PasswordCommon);
    }
    let username = normalize_username(username).unwrap_or_default();
    if username.len() >= 3 && lower.contains(&username) {
        return Err(AccountInvalid::PasswordContainsUsername);
    }
    Ok(())
}

/// The length rule alone, which every hash also obeys.
fn check_password_length(password: &str) -> Result<(), AccountError> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_LEN {
        Err(AccountError::PasswordTooShort)
    } else if chars > MAX_PASSWORD_LEN {
        Err(AccountError::PasswordTooLong)
    } else {
        Ok(())
    }
}

/// How long a username is, in characters (all ASCII).
pub const USERNAME_LEN: std::ops::RangeInclusive<usize> = 3..=64;

/// The characters of a username besides lower-case letters and digits.
pub const USERNAME_PUNCTUATION: &str = "._-";

/// Usernames are short, lower-case, and safe to show anywhere.
pub fn check_username(username: &str) -> Result<(), AccountError> {
    let ok = USERNAME_LEN.contains(&username.len())
        && username.bytes().all(|b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || USERNAME_PUNCTUATION.as_bytes().contains(&b)
        });
    if ok {
        Ok(())
    } else {
        Err(AccountError::BadUsername)
    }
}

/// Failed sign-ins from one address to one account before that address is locked out of it.
pub const LOCK_AFTER_FAILURES: u32 = 5;

/// The longest lockout: a stranger who keeps failing from one address never locks anyone out
/// for longer at a time, and never from any other address.
pub const LONGEST_LOCK: time::Duration = time::Duration::hours(1);

/// Failures older than this are forgotten: the count starts again.
pub const FAILURES_FORGOTTEN_AFTER: time::Duration = time::Duration::hours(24);

/// How long an account is locked for one address after its `failures`-th failed sign-in from
/// it: not before [`LOCK_AFTER_FAILURES`] failures, then one minute, doubling with each further
/// failure up to [`LONGEST_LOCK`].
pub fn lock_for(failures: u32) -> Option<time::Duration> {
    let beyond = failures.checked_sub(LOCK_AFTER_FAILURES)?;
    let minutes = 1i64.checked_shl(beyond.min(16)).unwrap_or(i64::MAX);
    Some(time::Duration::minutes(minutes).min(LONGEST_LOCK))
}

thread_local! {
    /// This thread's Argon2 memory (about 19 MiB), kept from one hash to the next. The crate's
    /// own calls allocate it for every hash; the allocator kept those freed blocks per thread,
    /// and after the demo's accounts were hashed the process held 350 MiB it no longer used.
    /// Reused here, the memory a password thread holds is one hash's.
    static MEMORY: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Argon2 of `password` and `salt` into `out`, in this thread's kept memory.
fn argon2_into(
    argon2: &Argon2<'_>,
    params: &argon2::Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    MEMORY.with_borrow_mut(|blocks| {
        let needed = params.block_count();
        if blocks.len() < needed {
            blocks.clear();
            blocks.shrink_to_fit();
            blocks.resize(needed, argon2::Block::default());
        } else {
            // A hash starts from zeroed memory, as the crate's own allocation does.
            blocks.fill(argon2::Block::default());
        }
        argon2.hash_password_into_with_memory(password, salt, out, &mut blocks[..needed])
    })
}

/// Hashes a password with Argon2id (the crate's defaults) and a random salt into a PHC string.
pub fn hash_password(password: &str) -> Result<String, AccountError> {
    use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
    use rand::RngCore;
    check_password_length(password)?;
    let failed = |e: &dyn std::fmt::Display| AccountError::Hashing(e.to_string());
    let params = argon2::Params::default();
    let argon2 = Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        params.clone(),
    );
    // A salt is always the operating system's randomness, never a replay's seed.
    let mut salt = [0u8; 16];
    crate::random::Random::rng(&crate::random::SystemRandom).fill_bytes(&mut salt);
    let mut out = vec![
        0u8;
        params
            .output_len()
            .unwrap_or(argon2::Params::DEFAULT_OUTPUT_LEN)
    ];
    argon2_into(&argon2, &params, password.as_bytes(), &salt, &mut out).map_err(|e| failed(&e))?;
    let hash = PasswordHash {
        algorithm: argon2::ARGON2ID_IDENT,
        version: Some(argon2::Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| failed(&e))?,
        salt: Some(Salt::new(&salt).map_err(|e| failed(&e))?),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(hash.to_string())
}

/// Whether `password` matches the stored PHC string. A malformed stored hash never matches.
pub fn verify_password(password: &str, phc: &str) -> bool {
    use argon2::password_hash::phc::{Output, PasswordHash};
    let Ok(hash) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (&hash.salt, &hash.hash) else {
        return false;
    };
    let Ok(algorithm) = argon2::Algorithm::try_from(hash.algorithm.as_str()) else {
        return false;
    };
    let version = match hash.version.map(argon2::Version::try_from) {
        None => argon2::Version::default(),
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    let Ok(params) = argon2::Params::try_from(&hash) else {
        return false;
    };
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    if argon2_into(
        &argon2,
        &params,
        password.as_bytes(),
        salt.as_ref(),
        &mut out,
    )
    .is_err()
    {
        return false;
    }
    // `Output`'s equality is constant-time.
    Output::new(&out).is_ok_and(|computed| &computed == expected)
}

/// A hash to verify against when the username does not exist, so that the answer takes as long
/// as for a real account and does not tell which usernames exist. Made once per process.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password never used").unwrap_or_default())
}

/// A new random TOTP secret, base32 encoded (160 bits).
pub fn new_totp_secret() -> String {
    Secret::generate().to_base32()
}

fn totp(secret_base32: &str, username: &str) -> Result<Totp, AccountError> {
    let secret = Secret::try_from_base32(secret_base32).map_err(|_| AccountError::BadTotpSecret)?;
    totp_rs::Builder::new()
        .with_secret(secret)
        .with_issuer(Some("Liaison"))
        .with_account_name(username)
        .build()
        .map_err(|_| AccountError::BadTotpSecret)
}

/// The `otpauth://` URL and a PNG QR code of it (base64), for enrolment in an authenticator app.
pub fn totp_enrolment(
    secret_base32: &str,
    username: &str,
) -> Result<(String, String), AccountError> {
    let totp = totp(secret_base32, username)?;
    let url = totp.to_url().map_err(|_| AccountError::BadTotpSecret)?;
    let qr = totp
        .to_qr_base64()
        .map_err(|_| AccountError::BadTotpSecret)?;
    Ok((url, qr))
}

/// Checks a TOTP code at `now` (allowing one step of clock skew either way) and returns the
/// time step it belongs to, or `None`. A step at or before `last_step` is refused: a code works
/// once, so a code seen over someone's shoulder cannot be replayed.
pub fn check_totp(
    secret_base32: &str,
    username: &str,
    code: &str,
    now: OffsetDateTime,
    last_step: Option<i64>,
) -> Option<i64> {
    let totp = totp(secret_base32, username).ok()?;
    let unix = u64::try_from(now.unix_timestamp()).ok()?;
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let step = i64::try_from(totp.check(&code, unix)?).ok()?;
    match last_step {
        Some(last) if step <= last => None,
        _ => Some(step),
    }
}

/// The code an authenticator shows at `now` (for tests and the demo's scripted logins).
pub fn totp_code(secret_base32: &str, username: &str, now: OffsetDateTime) -> Option<String> {
    let totp = totp(secret_base32, username).ok()?;
    Some(
        totp.generate(u64::try_from(now.unix_timestamp()).ok()?)
            .to_string(),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterz", &hash));
        assert!(!verify_password("anything", "not a phc string"));
        assert!(!verify_password("anything", decoy_hash()));
        assert!(decoy_hash().starts_with("$argon2id$"));
    }

    /// The hashes made in the kept memory are the crate's own: each side verifies the other's
    /// (accounts hashed before the change still sign in), and a second hash in the same memory
    /// is as right as the first.
    #[test]
    fn hashes_in_kept_memory_are_the_crates_own() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let crates = Argon2::default()
            .hash_password(b"correct horse battery")
            .unwrap()
            .to_string();
        assert!(verify_password("correct horse battery", &crates));
        assert!(!verify_password("correct horse batterz", &crates));
        for _ in 0..2 {
            let ours = hash_password("correct horse battery").unwrap();
            assert_eq!(
                ours.split('$').nth(3),
                crates.split('$').nth(3),
                "the same parameters"
            );
            let parsed = argon2::password_hash::phc::PasswordHash::new(&ours).unwrap();
            assert!(
                Argon2::default()
                    .verify_password(b"correct horse battery", &parsed)
                    .is_ok()
            );
            assert!(
                Argon2::default()
                    .verify_password(b"correct horse batterz", &parsed)
                    .is_err()
            );
        }
        // A hash with other parameters (less memory) verifies too.
        let small = Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(8 * 1024, 2, 1, None).unwrap(),
        )
        .hash_password(b"correct horse battery")
        .unwrap()
        .to_string();
        assert!(verify_password("correct horse battery", &small));
        assert!(!verify_password("correct horse batterz", &small));
        // Truncated or tampered hashes never match.
        assert!(!verify_password(
            "correct horse battery",
            &crates[..crates.len() - 4]
        ));
        assert!(!verify_password(
            "correct horse battery",
            &crates.replace("argon2id", "argon2x")
        ));
    }

    #[test]
    fn policy_refuses_short_common_and_username_passwords() {
        assert_eq!(hash_password("short"), Err(AccountError::PasswordTooShort));
        let check = |password: &str, expected: Result<(), AccountInvalid>| {
            assert_eq!(
                check_password_policy(password, "est.policy"),
                expected,
                "{password}"
            );
        };
        check("short", Err(AccountInvalid::PasswordTooShort));
        check(&"x".repeat(300), Err(AccountInvalid::PasswordTooLong));
        check("twelve chars", Ok(()));
        check("liaison-demo-2026", Ok(()));
        for common in [
            "1qaz2wsx3edc",
            "Password1234",
            "password2026!",
            "!!iloveyou123456",
            "QWERTYUIOP12",
        ] {
            check(common, Err(AccountInvalid::PasswordCommon));
        }
        check(
            "my est.policy pass",
            Err(AccountInvalid::PasswordContainsUsername),
        );
        check(
            "EST.POLICY-2026-x",
            Err(AccountInvalid::PasswordContainsUsername),
        );
        assert!(COMMON_PASSWORDS.len() >= 4000);
    }

    #[test]
    fn lockouts_start_after_five_failures_double_and_stop_at_an_hour() {
        let check = |failures: u32, minutes: Option<i64>| {
            assert_eq!(
                lock_for(failures),
                minutes.map(time::Duration::minutes),
                "{failures}"
            );
        };
        check(0, None);
        check(4, None);
        check(5, Some(1));
        check(6, Some(2));
        check(9, Some(16));
        check(11, Some(60));
        check(u32::MAX, Some(60));
    }

    #[test]
    fn usernames_normalise_to_one_form() {
        for typed in [
            "est.policy",
            "est.policy ",
            " EST.Policy\t",
            "ｅｓｔ.ｐｏｌｉｃｙ",
        ] {
            assert_eq!(
                normalize_username(typed).as_deref(),
                Some("est.policy"),
                "{typed:?}"
            );
        }
        assert_eq!(
            normalize_username(&"a".repeat(MAX_USERNAME_INPUT + 1)),
            None
        );
    }

    #[test]
    fn usernames() {
        assert!(check_username("deu.coordinator").is_ok());
        for bad in ["ab", "Upper", "with space", "é", &"a".repeat(65)] {
            assert!(check_username(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn totp_code_works_once() {
        let secret = new_totp_secret();
        let now = datetime!(2028-02-29 12:00:00 UTC);
        let code = totp_code(&secret, "alice", now).unwrap();
        let step = check_totp(&secret, "alice", &code, now, None).unwrap();
        assert_eq!(step, now.unix_timestamp() / 30);
        assert_eq!(
            check_totp(&secret, "alice", &code, now, Some(step)),
            None,
            "replay refused"
        );
        // One step of skew is tolerated, two are not.
        assert!(
            check_totp(
                &secret,
                "alice",
                &code,
                now + time::Duration::seconds(30),
                None
            )
            .is_some()
        );
        assert!(
            check_totp(
                &secret,
                "alice",
                &code,
                now + time::Duration::seconds(90),
                None
            )
            .is_none()
        );
        assert!(check_totp(&secret, "alice", "12345", now, None).is_none());
        assert!(check_totp(&secret, "alice", "abcdef", now, None).is_none());
        assert!(check_totp("not base32!", "alice", &code, now, None).is_none());
    }

    #[test]
    fn enrolment_gives_url_and_qr() {
        let secret = new_totp_secret();
        let (url, qr) = totp_enrolment(&secret, "alice").unwrap();
        assert!(url.starts_with("otpauth://totp/Liaison:alice?"));
        assert!(!qr.is_empty());
    }
}
