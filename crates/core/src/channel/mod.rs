//! The protected channel (CBMs 3, 10, 13, 16): requests between States whose bodies are OpenPGP
//! messages the server never decrypts. So far the rule at its heart, in [`envelope`]: a body is
//! accepted only when it is encrypted to exactly the required key set, checked from the
//! message's envelope without decrypting.

pub mod envelope;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
