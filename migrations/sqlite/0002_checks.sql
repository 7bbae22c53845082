-- Communication checks (CBM 8 practice): a check, the States and levels it asks to reach, one
-- challenge per contact, and the tokens that answer a challenge (only their SHA-256 is stored).
-- The outbox gains a `secret` column: the part of a message (a challenge link) that is put into
-- the body only when it is sent, and cleared once the message is sent or has failed for good.

CREATE TABLE checks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scope TEXT NOT NULL,
    scope_region TEXT,
    scope_states TEXT NOT NULL,
    levels TEXT NOT NULL,
    window_hours INTEGER NOT NULL,
    spread_hours INTEGER NOT NULL,
    message TEXT NOT NULL,
    launched_at TEXT NOT NULL,
    launched_by TEXT NOT NULL,
    closes_at TEXT NOT NULL
);

CREATE TABLE check_targets (
    check_id INTEGER NOT NULL REFERENCES checks (id),
    seq INTEGER NOT NULL,
    state_code TEXT NOT NULL REFERENCES states (code),
    level TEXT NOT NULL,
    contact_id INTEGER REFERENCES contacts (id),
    PRIMARY KEY (check_id, seq)
);

CREATE TABLE check_challenges (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    check_id INTEGER NOT NULL REFERENCES checks (id),
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    state_code TEXT NOT NULL REFERENCES states (code),
    level TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    email TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    outbox_id INTEGER REFERENCES outbox (id),
    reminded_at TEXT,
    reminder_outbox_id INTEGER REFERENCES outbox (id),
    delivery_failed_at TEXT,
    delivery_error TEXT,
    answered_at TEXT,
    answer_way TEXT,
    answered_by TEXT,
    UNIQUE (check_id, contact_id)
);
CREATE INDEX check_challenges_contact ON check_challenges (contact_id);
CREATE INDEX check_challenges_outbox ON check_challenges (outbox_id);
CREATE INDEX check_challenges_reminder_outbox ON check_challenges (reminder_outbox_id);

CREATE TABLE check_tokens (
    token_hash TEXT PRIMARY KEY,
    challenge_id INTEGER NOT NULL REFERENCES check_challenges (id),
    issued_at TEXT NOT NULL
);
CREATE INDEX check_tokens_challenge ON check_tokens (challenge_id);

ALTER TABLE outbox ADD COLUMN secret TEXT;
