-- Foundation: States, accounts and sessions, the versioned directory (CBM 8), the hash-chained
-- audit log, the notification outbox and sent reminders. Timestamps are UTC text in one fixed
-- RFC 3339 form (sortable), dates are ISO text, booleans are 0/1 integers: the portable subset
-- that reads the same on SQLite and PostgreSQL.

CREATE TABLE states (
    code TEXT PRIMARY KEY,
    alpha2 TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL
);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    state_code TEXT NOT NULL REFERENCES states (code),
    current_version INTEGER NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX contacts_state ON contacts (state_code);

CREATE TABLE contact_versions (
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    version INTEGER NOT NULL,
    change TEXT NOT NULL,
    kind TEXT NOT NULL,
    structure_kind TEXT,
    name TEXT NOT NULL,
    function TEXT NOT NULL,
    organisation TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    available_24_7 INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    languages TEXT NOT NULL,
    deputy INTEGER NOT NULL,
    website TEXT NOT NULL,
    notes TEXT NOT NULL,
    key_armored TEXT,
    key_fingerprint TEXT,
    key_algorithm TEXT,
    key_expires_at TEXT,
    effective_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    notified_late INTEGER NOT NULL,
    PRIMARY KEY (contact_id, version)
);
CREATE INDEX contact_versions_recorded ON contact_versions (recorded_at);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    state_code TEXT REFERENCES states (code),
    contact_id INTEGER REFERENCES contacts (id),
    locale TEXT NOT NULL,
    totp_secret TEXT,
    totp_enabled INTEGER NOT NULL DEFAULT 0,
    totp_last_step INTEGER,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    kind TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    request_id TEXT NOT NULL,
    event TEXT NOT NULL,
    subject TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE reminders (
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    kind TEXT NOT NULL,
    due_on TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    PRIMARY KEY (contact_id, kind, due_on)
);
