//! The protected channel (CBMs 3, 10, 13, 16): requests between States whose bodies are OpenPGP
//! messages the server never decrypts. So far the rules at its heart: the key set a request must
//! be encrypted to ([`keys`]), and the check, from the message's envelope and without
//! decrypting, that a body is encrypted to exactly that set ([`envelope`]).

pub mod envelope;
pub mod keys;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
