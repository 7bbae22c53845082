//! The envelope rule against messages rPGP encrypts to the fixture keys (GnuPG-made messages are
//! checked end to end where GnuPG runs).

use super::envelope;
use super::envelope::{
    EnvelopeError, ExpectedKey, KeySetMismatch, Recipient, check_key_set, recipients,
};
use crate::directory::key::{KeyInfo, parse_public_key};
use pgp::composed::{Deserializable, MessageBuilder, SignedPublicKey};
use pgp::crypto::sym::SymmetricKeyAlgorithm;
use pgp::types::{KeyDetails, Password, StringToKey};
use proptest::prelude::*;
use time::macros::datetime;

const KEYS: [&str; 3] = [
    include_str!("../../tests/fixtures/keys/valid-ed25519.asc"),
    include_str!("../../tests/fixtures/keys/valid-rsa3072.asc"),
    include_str!("../../tests/fixtures/keys/rpgp-v4.asc"),
];

fn info(i: usize) -> KeyInfo {
    parse_public_key(KEYS[i].as_bytes(), datetime!(2027-01-15 10:00 UTC)).unwrap()
}

fn expected(i: usize) -> ExpectedKey {
    let key = info(i);
    ExpectedKey {
        contact: i as i64,
        fingerprint: key.fingerprint,
        encryption_fingerprints: key.encryption_fingerprints,
    }
}

fn rng() -> rand_pgp::rngs::StdRng {
    use rand_pgp::SeedableRng;
    rand_pgp::rngs::StdRng::seed_from_u64(7)
}

/// A message encrypted (SEIPD v1, v3 PKESKs naming key IDs; or v2, v6 PKESKs naming
/// fingerprints) to the encryption subkeys of the keys in `to`.
fn encrypted(to: &[usize], v2: bool) -> String {
    let mut rng = rng();
    let builder = MessageBuilder::from_bytes("", b"Subject: test\n\nProtected body.\n".to_vec());
    let subkeys = |i: usize| {
        let (key, _) = SignedPublicKey::from_string(KEYS[i]).unwrap();
        let wanted = info(i).encryption_fingerprints;
        key.public_subkeys
            .into_iter()
            .filter(|sub| wanted.contains(&format!("{:X}", sub.key.fingerprint())))
            .collect::<Vec<_>>()
    };
    if v2 {
        let mut builder = builder.seipd_v2(
            &mut rng,
            SymmetricKeyAlgorithm::AES256,
            pgp::crypto::aead::AeadAlgorithm::Ocb,
            pgp::crypto::aead::ChunkSize::default(),
        );
        for &i in to {
            for sub in subkeys(i) {
                builder.encrypt_to_key(&mut rng, &sub).unwrap();
            }
        }
        builder
            .to_armored_string(&mut rng, Default::default())
            .unwrap()
    } else {
        let mut builder = builder.seipd_v1(&mut rng, SymmetricKeyAlgorithm::AES256);
        for &i in to {
            for sub in subkeys(i) {
                builder.encrypt_to_key(&mut rng, &sub).unwrap();
            }
        }
        builder
            .to_armored_string(&mut rng, Default::default())
            .unwrap()
    }
}

#[test]
fn the_recipients_are_read_without_decrypting_in_both_packet_versions() {
    for v2 in [false, true] {
        let message = encrypted(&[0, 1], v2);
        let found = recipients(message.as_bytes()).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found.iter().all(|r| matches!(
                (r, v2),
                (Recipient::KeyId(_), false) | (Recipient::Fingerprint(_), true)
            )),
            "{found:?}"
        );
        assert_eq!(check_key_set(&found, &[expected(0), expected(1)]), Ok(()));
        // The same message in binary.
        let dearmored = {
            use std::io::Read;
            let mut out = Vec::new();
            pgp::armor::Dearmor::new(std::io::Cursor::new(message.as_bytes()))
                .read_to_end(&mut out)
                .unwrap();
            out
        };
        assert_eq!(recipients(&dearmored).unwrap(), found);
    }
}

#[test]
fn armored_and_binary_forms_are_one_message() {
    let armored = encrypted(&[0, 1], true);
    let binary = envelope::binary(armored.as_bytes()).unwrap();
    assert!(!binary.starts_with(b"-----"));
    assert_eq!(envelope::binary(&binary).unwrap(), binary);
    let again = envelope::armored(&binary).unwrap();
    assert!(again.starts_with("-----BEGIN PGP MESSAGE-----"));
    assert_eq!(envelope::binary(again.as_bytes()).unwrap(), binary);
    assert_eq!(
        envelope::recipients(&binary).unwrap(),
        envelope::recipients(again.as_bytes()).unwrap()
    );
    assert_eq!(envelope::digest(&binary).len(), 64);
    let key =
        "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZ0==\n-----END PGP PUBLIC KEY BLOCK-----\n";
    assert!(envelope::binary(key.as_bytes()).is_err());
}

#[test]
fn a_missing_or_extra_key_is_named() {
    let message = encrypted(&[0, 2], false);
    let found = recipients(message.as_bytes()).unwrap();
    let mismatch = check_key_set(&found, &[expected(0), expected(1)]).unwrap_err();
    assert_eq!(mismatch.missing, vec![expected(1)]);
    assert_eq!(mismatch.extra.len(), 1);
    let Recipient::KeyId(id) = &mismatch.extra[0] else {
        panic!("{mismatch:?}");
    };
    assert!(
        expected(2).encryption_fingerprints[0].ends_with(id.as_str()),
        "the extra key ID is the third key's subkey"
    );
    assert_eq!(
        check_key_set(&found, &[expected(0), expected(1), expected(2)]),
        Err(KeySetMismatch {
            missing: vec![expected(1)],
            extra: Vec::new()
        })
    );
}

#[test]
fn what_is_not_a_message_encrypted_to_named_keys_is_refused() {
    let mut rng = rng();
    let plain = MessageBuilder::from_bytes("", b"not encrypted".to_vec())
        .to_armored_string(&mut rng, Default::default())
        .unwrap();
    assert_eq!(
        recipients(plain.as_bytes()),
        Err(EnvelopeError::NotEncrypted)
    );

    let mut builder = MessageBuilder::from_bytes("", b"secret".to_vec())
        .seipd_v1(&mut rng, SymmetricKeyAlgorithm::AES256);
    builder
        .encrypt_with_password(StringToKey::new_default(&mut rng), &Password::from("pw"))
        .unwrap();
    let password = builder
        .to_armored_string(&mut rng, Default::default())
        .unwrap();
    assert_eq!(
        recipients(password.as_bytes()),
        Err(EnvelopeError::Password)
    );

    let (key, _) = SignedPublicKey::from_string(KEYS[0]).unwrap();
    let mut builder = MessageBuilder::from_bytes("", b"secret".to_vec())
        .seipd_v1(&mut rng, SymmetricKeyAlgorithm::AES256);
    builder
        .encrypt_to_key_anonymous(&mut rng, &key.public_subkeys[0])
        .unwrap();
    let anonymous = builder
        .to_armored_string(&mut rng, Default::default())
        .unwrap();
    assert_eq!(
        recipients(anonymous.as_bytes()),
        Err(EnvelopeError::Anonymous)
    );

    for garbage in [
        &b""[..],
        b"hello",
        KEYS[0].as_bytes(),
        b"-----BEGIN PGP MESSAGE-----\n\n!!\n-----END PGP MESSAGE-----\n",
    ] {
        let refused = recipients(garbage);
        assert!(
            matches!(
                refused,
                Err(EnvelopeError::Malformed(_) | EnvelopeError::NotEncrypted)
            ),
            "{:?}: {refused:?}",
            String::from_utf8_lossy(&garbage[..garbage.len().min(30)])
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A body encrypted to a key set other than the required one is always refused, and one
    /// encrypted to exactly the required set always accepted.
    #[test]
    fn only_exactly_the_required_key_set_is_accepted(to in 1u8..8, want in 1u8..8, v2 in any::<bool>()) {
        let members = |mask: u8| (0..3).filter(|i| mask & (1 << i) != 0).collect::<Vec<usize>>();
        let message = encrypted(&members(to), v2);
        let found = recipients(message.as_bytes()).unwrap();
        let expected: Vec<ExpectedKey> = members(want).into_iter().map(expected).collect();
        let checked = check_key_set(&found, &expected);
        prop_assert_eq!(checked.is_ok(), to == want, "{:?}", checked);
        if let Err(mismatch) = checked {
            let missing: Vec<usize> = mismatch.missing.iter().map(|k| k.contact as usize).collect();
            prop_assert_eq!(missing, members(want & !to));
            prop_assert_eq!(mismatch.extra.len(), members(to & !want).len());
        }
    }

    /// Whatever the bytes, reading an envelope answers without panicking.
    #[test]
    fn any_input_gets_an_answer(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = recipients(&bytes);
        let mut armored = b"-----BEGIN PGP MESSAGE-----\n\n".to_vec();
        armored.extend(&bytes);
        let _ = recipients(&armored);
    }
}

/// The packets of a binary message, each as its bytes with its header.
fn packets(message: &str) -> Vec<Vec<u8>> {
    use pgp::packet::PacketParser;
    use pgp::ser::Serialize;
    let binary = envelope::binary(message.as_bytes()).unwrap();
    PacketParser::new(std::io::Cursor::new(binary))
        .map(|packet| packet.unwrap().to_bytes().unwrap())
        .collect()
}

/// A packet in the new format: its type, a one-byte length and the body.
fn raw_packet(tag: u8, body: &[u8]) -> Vec<u8> {
    assert!(body.len() < 192);
    let mut out = vec![0xC0 | tag, u8::try_from(body.len()).unwrap()];
    out.extend(body);
    out
}

/// A Literal Data packet: readable text, anywhere in a message.
fn literal(text: &str) -> Vec<u8> {
    let mut body = vec![b'b', 0, 0, 0, 0, 0];
    body.extend(text.as_bytes());
    raw_packet(11, &body)
}

/// The pieces an attacker can put together: two PKESKs and the encrypted data of one real
/// message (to keys 0 and 1), and packets of other types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    Pkesk0,
    Pkesk1,
    Encrypted,
    Padding,
    Literal,
    Marker,
    Compressed,
}

fn piece_bytes(piece: Piece, real: &[Vec<u8>]) -> Vec<u8> {
    match piece {
        Piece::Pkesk0 => real[0].clone(),
        Piece::Pkesk1 => real[1].clone(),
        Piece::Encrypted => real[2].clone(),
        Piece::Padding => raw_packet(21, &[0x5A; 16]),
        Piece::Literal => literal("plaintext the operator must never see"),
        Piece::Marker => raw_packet(10, b"PGP"),
        // Uncompressed "compressed" data holding a literal packet.
        Piece::Compressed => raw_packet(8, &[[0u8].as_slice(), &literal("hidden")].concat()),
    }
}

/// The one accepted shape: one or more distinct PKESKs, one encrypted data packet, padding.
fn well_formed(pieces: &[Piece]) -> bool {
    let Some(at) = pieces.iter().position(|p| *p == Piece::Encrypted) else {
        return false;
    };
    let (keys, rest) = pieces.split_at(at);
    !keys.is_empty()
        && keys
            .iter()
            .all(|p| matches!(p, Piece::Pkesk0 | Piece::Pkesk1))
        && keys.iter().filter(|p| **p == Piece::Pkesk0).count() <= 1
        && keys.iter().filter(|p| **p == Piece::Pkesk1).count() <= 1
        && rest[1..].iter().all(|p| *p == Piece::Padding)
}

#[test]
fn plaintext_appended_after_the_ciphertext_is_refused_and_named() {
    for v2 in [false, true] {
        let message = encrypted(&[0, 1], v2);
        let mut binary = envelope::binary(message.as_bytes()).unwrap();
        assert!(recipients(&binary).is_ok());
        binary.extend(literal("the operator reads this"));
        assert_eq!(
            recipients(&binary),
            Err(EnvelopeError::Unexpected("Literal Data".into()))
        );
        // Armored, the same.
        let armored = envelope::armored(&binary).unwrap();
        assert_eq!(
            recipients(armored.as_bytes()),
            Err(EnvelopeError::Unexpected("Literal Data".into()))
        );
        // Padding after the ciphertext is allowed, a little of it; a second encrypted packet
        // is not.
        let mut padded = envelope::binary(message.as_bytes()).unwrap();
        padded.extend(raw_packet(21, &[0; 32]));
        assert!(recipients(&padded).is_ok());
        for _ in 0..30 {
            padded.extend(raw_packet(21, &[b'A'; 150]));
        }
        assert!(matches!(
            recipients(&padded),
            Err(EnvelopeError::Unexpected(name)) if name.contains("Padding")
        ));
        // Bytes after the last packet that are no packet (a cut-off header) are refused too.
        for tail in [
            &b"\xcb\xffABC"[..],
            b"\xaeABC",
            b"\xc0",
            b"\xcb",
            b"\xcb\xdf",
        ] {
            let mut cut = envelope::binary(message.as_bytes()).unwrap();
            cut.extend(tail);
            assert!(
                matches!(recipients(&cut), Err(EnvelopeError::Malformed(_))),
                "{tail:?}: {:?}",
                recipients(&cut)
            );
            let armored = envelope::armored(&cut).unwrap();
            assert!(recipients(armored.as_bytes()).is_err(), "{tail:?} armored");
        }
        let real = packets(&message);
        let mut twice = envelope::binary(message.as_bytes()).unwrap();
        twice.extend(&real[real.len() - 1]);
        assert!(matches!(
            recipients(&twice),
            Err(EnvelopeError::Unexpected(name)) if name.contains("Encrypted")
        ));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any packet sequence other than PKESKs, one encrypted data packet and padding is refused;
    /// that shape is accepted.
    #[test]
    fn only_the_shape_of_an_encrypted_message_is_accepted(
        pieces in proptest::collection::vec(
            prop_oneof![
                Just(Piece::Pkesk0), Just(Piece::Pkesk1), Just(Piece::Encrypted),
                Just(Piece::Padding), Just(Piece::Literal), Just(Piece::Marker),
                Just(Piece::Compressed),
            ],
            0..7,
        ),
        v2 in any::<bool>(),
    ) {
        static REAL: std::sync::OnceLock<[Vec<Vec<u8>>; 2]> = std::sync::OnceLock::new();
        let real = REAL.get_or_init(|| [packets(&encrypted(&[0, 1], false)), packets(&encrypted(&[0, 1], true))]);
        let real = &real[usize::from(v2)];
        prop_assert_eq!(real.len(), 3, "two PKESKs and the encrypted data");
        let bytes: Vec<u8> = pieces.iter().flat_map(|p| piece_bytes(*p, real)).collect();
        let read = recipients(&bytes);
        prop_assert_eq!(read.is_ok(), well_formed(&pieces), "{:?}: {:?}", pieces, read);
    }
}
