//! The rules of Liaison: what each CBM capability allows and requires, who may do what
//! (`access`), what is written to the audit log (`audit`), and the clock every deadline is
//! measured with (`clock`). This crate performs no I/O: no HTTP, no SQL, no system clock.

pub mod access;
pub mod account;
pub mod audit;
pub mod channel;
pub mod checks;
pub mod clock;
pub mod directory;
pub mod exchange;
pub mod outbox;
pub mod random;
pub mod reference;
pub mod text;
pub mod transparency;
pub mod wording;
