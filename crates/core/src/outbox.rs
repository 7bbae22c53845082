//! Notifications waiting to be delivered. Operations queue a message inside their own
//! transaction; the delivery worker sends it later and records the outcome, so nothing
//! acknowledged is lost when the process stops in between.

use time::{Duration, OffsetDateTime};

/// A message to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// What produced it, e.g. `directory.reminder`.
    pub kind: String,
    /// A secret the body needs (a challenge's one-time link): stored apart, put in place of
    /// [`SECRET_MARK`] only when the message is sent, and cleared once it is sent or has failed
    /// for good, so that no secret stays in the database after delivery.
    pub secret: Option<String>,
    /// The protected-channel message (by id) this notification carries: the mail is then
    /// PGP/MIME (RFC 3156), its encrypted part that message's ciphertext, and `body` the link to
    /// the thread (sent as the `X-Liaison-Thread` header: RFC 3156 allows no third part).
    pub carries: Option<i64>,
}

/// Where the secret goes in a message's body.
pub const SECRET_MARK: &str = "{secret}";

/// The body to send: the stored body with its secret put in place.
pub fn body_to_send(body: &str, secret: Option<&str>) -> String {
    match secret {
        Some(secret) => body.replace(SECRET_MARK, secret),
        None => body.to_owned(),
    }
}

/// How many delivery attempts are made before a message is marked failed.
pub const MAX_ATTEMPTS: i64 = 6;

/// When to try again after `attempts` failed attempts: 1, 2, 4, 8, 16 minutes.
pub fn next_attempt(after_failure_at: OffsetDateTime, attempts: i64) -> Option<OffsetDateTime> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let minutes = 1_i64 << (attempts.clamp(1, 10) - 1);
    Some(after_failure_at + Duration::minutes(minutes))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn backs_off_then_gives_up() {
        let t = datetime!(2026-11-24 10:00 UTC);
        assert_eq!(next_attempt(t, 1), Some(datetime!(2026-11-24 10:01 UTC)));
        assert_eq!(next_attempt(t, 3), Some(datetime!(2026-11-24 10:04 UTC)));
        assert_eq!(next_attempt(t, 5), Some(datetime!(2026-11-24 10:16 UTC)));
        assert_eq!(next_attempt(t, MAX_ATTEMPTS), None);
    }

    #[test]
    fn the_secret_goes_into_the_body_only_when_sent() {
        let body = "Answer: https://liaison.example/checks/answer/{secret}\n";
        assert_eq!(
            body_to_send(body, Some("abc")),
            "Answer: https://liaison.example/checks/answer/abc\n"
        );
        assert_eq!(body_to_send(body, None), body);
        assert_eq!(body_to_send("no mark", Some("abc")), "no mark");
    }
}
