//! The protected channel (CBMs 3, 10, 13, 16): requests between States whose bodies are OpenPGP
//! messages the server never decrypts: the key set a request must be encrypted to ([`keys`]), the
//! check, from the message's envelope and without decrypting, that a body is encrypted to exactly
//! that set ([`envelope`]), and a request's recipients, deadlines, lifecycle, escalation and
//! statistics ([`request`]).

pub mod envelope;
pub mod keys;
pub mod request;
pub mod seal;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
