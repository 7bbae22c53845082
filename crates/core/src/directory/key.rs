//! OpenPGP public keys of contacts (being written).
