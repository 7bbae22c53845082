//! Problems worded by the message catalogue: a rule names what is wrong (a message id and its
//! arguments) and the interface words it in the user's language; `Display` gives the English
//! wording the API and files use.

use std::collections::BTreeMap;

/// A problem the catalogue can word.
pub trait Worded: std::fmt::Display {
    /// The id of the message in the catalogue.
    fn message_id(&self) -> &'static str;

    /// The message's named arguments.
    fn args(&self) -> Vec<(&'static str, String)>;
}

/// The English wording of every problem of a form, by field.
pub fn in_english<W: Worded>(problems: BTreeMap<String, W>) -> BTreeMap<String, String> {
    problems
        .into_iter()
        .map(|(field, problem)| (field, problem.to_string()))
        .collect()
}
