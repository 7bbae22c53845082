//! Signed answers: reading the token out of a cleartext-signed text and verifying the signature
//! against the registered key. (GnuPG-made signatures are tested end to end in the testkit.)

use super::super::signed::{self, SignedError};
use super::*;

const SECRET: &str = include_str!("../../../tests/fixtures/keys/secret.asc");
const PUBLIC: &str = include_str!("../../../tests/fixtures/keys/valid-ed25519.asc");
const OTHER: &str = include_str!("../../../tests/fixtures/keys/valid-rsa3072.asc");

fn a_token(seed: u64) -> String {
    new_token(&mut StdRng::seed_from_u64(seed))
}

#[test]
fn a_signed_answer_verifies_against_the_signing_key_only() {
    let token = a_token(1);
    let armored = signed::sign_answer(SECRET, "", &token).unwrap();
    assert!(armored.starts_with("-----BEGIN PGP SIGNED MESSAGE-----"));
    let answer = signed::read(&armored).unwrap();
    assert_eq!(answer.token, token);
    let fingerprint = answer.verify(Some(PUBLIC)).unwrap();
    assert_eq!(fingerprint.len(), 40);
    assert_eq!(answer.verify(Some(OTHER)), Err(SignedError::BadSignature));
    assert_eq!(answer.verify(None), Err(SignedError::NoKey));
    assert!(matches!(
        answer.verify(Some("not a key")),
        Err(SignedError::BadKey(_))
    ));
}

#[test]
fn a_changed_text_no_longer_verifies() {
    let token = a_token(3);
    let armored = signed::sign_answer(SECRET, "", &token).unwrap();
    let other = a_token(5);
    let tampered = armored.replace(&token, &other);
    let answer = signed::read(&tampered).unwrap();
    assert_eq!(answer.token, other);
    assert_eq!(answer.verify(Some(PUBLIC)), Err(SignedError::BadSignature));
}

#[test]
fn text_that_is_not_a_signed_message_is_refused() {
    for input in [
        "",
        "hello",
        PUBLIC,
        "-----BEGIN PGP SIGNED MESSAGE-----\n\nbroken",
    ] {
        assert!(
            matches!(signed::read(input), Err(SignedError::NotSigned(_))),
            "{input:.40}"
        );
    }
}

#[test]
fn the_token_is_the_one_43_character_word() {
    let token = a_token(6);
    let check = |text: &str, expected: Result<String, SignedError>| {
        assert_eq!(signed::token_in(text), expected, "{text}");
    };
    check(&signed::answer_text(&token), Ok(token.clone()));
    check(
        &format!("See https://liaison.example/checks/answer/{token} thanks"),
        Ok(token.clone()),
    );
    check(&format!("{token}\n{token}\n"), Ok(token.clone()));
    check("no token here", Err(SignedError::NoToken));
    check(&token[..42], Err(SignedError::NoToken));
    check(&format!("{token}x"), Err(SignedError::NoToken));
    check(
        &format!("{token} {}", a_token(7)),
        Err(SignedError::SeveralTokens),
    );
}

proptest! {
    /// Whatever surrounds it, the token is found when it stands alone as a word.
    #[test]
    fn the_token_is_found_in_any_surrounding_text(
        before in "[ a-z.,:/\n]{0,40}", after in "[ a-z.,:/\n]{0,40}", seed in any::<u64>(),
    ) {
        let token = a_token(seed);
        prop_assert_eq!(signed::token_in(&format!("{before} {token} {after}")), Ok(token));
    }
}
