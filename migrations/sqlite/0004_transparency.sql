-- The transparency log of the directory (CBM 8, 13): every version of every contact or
-- structure is a leaf of an append-only Merkle tree (RFC 9162), whose complete subtree hashes
-- are stored as they are completed; every append is followed by a tree head signed with the
-- log's Ed25519 key. Leaves, nodes, heads and the key are never altered nor removed: the
-- triggers refuse it, and `liaison verify` and `liaison audit verify` detect it when they are
-- bypassed. Hashes are lower-case hex.

CREATE TABLE transparency_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    public_key TEXT NOT NULL,
    secret_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE transparency_leaves (
    idx INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    version INTEGER NOT NULL,
    state_code TEXT NOT NULL REFERENCES states (code),
    data TEXT NOT NULL,
    hash TEXT NOT NULL,
    appended_at TEXT NOT NULL,
    UNIQUE (contact_id, version)
);
CREATE INDEX transparency_leaves_state ON transparency_leaves (state_code, idx);

CREATE TABLE transparency_nodes (
    level INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (level, idx)
);

CREATE TABLE transparency_heads (
    size INTEGER PRIMARY KEY,
    root TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    signature TEXT NOT NULL
);

-- The tree heads States say they verified (published by their coordinator).
CREATE TABLE transparency_verifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    state_code TEXT NOT NULL REFERENCES states (code),
    size INTEGER NOT NULL,
    root TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX transparency_verifications_state ON transparency_verifications (state_code, id);

CREATE TRIGGER transparency_keys_no_update BEFORE UPDATE ON transparency_keys
BEGIN
    SELECT RAISE(ABORT, 'the transparency log key is never altered');
END;
CREATE TRIGGER transparency_keys_no_delete BEFORE DELETE ON transparency_keys
BEGIN
    SELECT RAISE(ABORT, 'the transparency log key is never removed');
END;
CREATE TRIGGER transparency_leaves_no_update BEFORE UPDATE ON transparency_leaves
BEGIN
    SELECT RAISE(ABORT, 'a leaf of the transparency log is never altered');
END;
CREATE TRIGGER transparency_leaves_no_delete BEFORE DELETE ON transparency_leaves
BEGIN
    SELECT RAISE(ABORT, 'a leaf of the transparency log is never removed');
END;
CREATE TRIGGER transparency_nodes_no_update BEFORE UPDATE ON transparency_nodes
BEGIN
    SELECT RAISE(ABORT, 'a node of the transparency log is never altered');
END;
CREATE TRIGGER transparency_nodes_no_delete BEFORE DELETE ON transparency_nodes
BEGIN
    SELECT RAISE(ABORT, 'a node of the transparency log is never removed');
END;
CREATE TRIGGER transparency_heads_no_update BEFORE UPDATE ON transparency_heads
BEGIN
    SELECT RAISE(ABORT, 'a tree head of the transparency log is never altered');
END;
CREATE TRIGGER transparency_heads_no_delete BEFORE DELETE ON transparency_heads
BEGIN
    SELECT RAISE(ABORT, 'a tree head of the transparency log is never removed');
END;
