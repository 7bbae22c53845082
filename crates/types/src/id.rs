//! The domain's identifiers, each its own type so that a request's id is never taken for a
//! message's. On the wire each is the plain integer (`serde(transparent)`), in the database the
//! row's id.

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            serde::Serialize,
            serde::Deserialize,
            utoipa::ToSchema,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map($name)
            }
        }
    };
}

id!(
    /// A request of the protected channel (its thread).
    RequestId
);
id!(
    /// A message of a thread: the request's own, or a reply.
    MessageId
);
id!(
    /// An inquiry about a circulated document (its thread).
    InquiryId
);
id!(
    /// A communication check.
    CheckId
);
id!(
    /// A contact of the directory (`Contact::id`).
    ContactId
);

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_integer_on_the_wire_and_in_text() {
        let id = RequestId(42);
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        assert_eq!(serde_json::from_str::<RequestId>("42").unwrap(), id);
        assert_eq!(id.to_string(), "42");
        assert_eq!("42".parse::<RequestId>().unwrap(), id);
        assert!("x".parse::<MessageId>().is_err());
    }
}
id!(
    /// A State's submission in an exchange cycle (a cycle itself is named by its year).
    SubmissionId
);
id!(
    /// A circulated document: one revision of a submission under its reference.
    DocumentId
);
id!(
    /// A file attached to a section of a submission.
    AttachmentId
);
id!(
    /// An account (a person who signs in, or the operator's).
    AccountId
);
