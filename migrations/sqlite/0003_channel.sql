-- The protected channel (CBMs 3, 10, 13, 16): requests between States, one leg per recipient
-- State, and the thread's messages as immutable OpenPGP ciphertext (the server never holds a
-- key to them). Only the envelope is in the clear: parties, kind, urgency, level, TLP label,
-- language, times and sizes. A notification mail names the message it carries, so the delivery
-- worker reads the ciphertext when it sends; `channel_notifications` marks the leg delivered.

CREATE TABLE channel_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    from_state TEXT NOT NULL REFERENCES states (code),
    sent_by TEXT NOT NULL,
    kind TEXT NOT NULL,
    urgency TEXT NOT NULL,
    level TEXT NOT NULL,
    tlp TEXT NOT NULL,
    language TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    closed_at TEXT
);
CREATE INDEX channel_requests_from ON channel_requests (from_state);

CREATE TABLE channel_legs (
    request_id INTEGER NOT NULL REFERENCES channel_requests (id),
    state_code TEXT NOT NULL REFERENCES states (code),
    acknowledge_by TEXT NOT NULL,
    delivered_at TEXT,
    acknowledged_at TEXT,
    acknowledged_by TEXT,
    answered_at TEXT,
    closed_at TEXT,
    escalated_at TEXT,
    PRIMARY KEY (request_id, state_code)
);
CREATE INDEX channel_legs_state ON channel_legs (state_code);
CREATE INDEX channel_legs_open ON channel_legs (acknowledged_at, escalated_at, closed_at);

CREATE TABLE channel_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id INTEGER NOT NULL REFERENCES channel_requests (id),
    seq INTEGER NOT NULL,
    from_state TEXT NOT NULL REFERENCES states (code),
    sent_by TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    armored TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    fingerprints TEXT NOT NULL,
    UNIQUE (request_id, seq)
);

CREATE TABLE channel_left_out (
    message_id INTEGER NOT NULL REFERENCES channel_messages (id),
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    state_code TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (message_id, contact_id)
);

CREATE TABLE channel_notifications (
    outbox_id INTEGER PRIMARY KEY REFERENCES outbox (id),
    request_id INTEGER NOT NULL REFERENCES channel_requests (id),
    state_code TEXT NOT NULL
);

CREATE TABLE channel_feedback (
    request_id INTEGER NOT NULL REFERENCES channel_requests (id),
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    state_code TEXT NOT NULL,
    useful INTEGER NOT NULL,
    given_at TEXT NOT NULL,
    PRIMARY KEY (request_id, account_id)
);

ALTER TABLE outbox ADD COLUMN channel_message_id INTEGER REFERENCES channel_messages (id);

-- A message, once accepted, is never altered nor removed.
CREATE TRIGGER channel_messages_no_update BEFORE UPDATE ON channel_messages
BEGIN
    SELECT RAISE(ABORT, 'a message of the protected channel is never altered');
END;
CREATE TRIGGER channel_messages_no_delete BEFORE DELETE ON channel_messages
BEGIN
    SELECT RAISE(ABORT, 'a message of the protected channel is never removed');
END;
