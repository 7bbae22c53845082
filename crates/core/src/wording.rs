//! Problems worded by the message catalogue: a rule names what is wrong (a message id and its
//! arguments) and the server words it, in the reader's language on a page and in English for
//! the API. The wording is written once, in the catalogue.

/// A problem the catalogue can word.
pub trait Worded {
    /// The id of the message in the catalogue.
    fn message_id(&self) -> &'static str;

    /// The message's named arguments.
    fn args(&self) -> Vec<(&'static str, String)>;
}
