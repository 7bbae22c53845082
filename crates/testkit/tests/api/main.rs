//! Integration tests through the HTTP API, the pages and the CLI. One test binary for the crate.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accounts;
mod authz;
mod bad_input;
mod browser;
mod caches;
mod channel;
mod checks;
mod demo;
mod directory;
mod exchange;
mod hardening;
mod i18n;
mod mail;
mod statements;
mod storage;
mod transparency;
