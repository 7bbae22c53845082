-- The annual information exchange (CBMs 1, 4, 6, 7, 9, 15). A cycle per year; one submission
-- per State per cycle; every saved version of every section of a draft (insert-only); the
-- circulated documents, frozen (insert-only), each with its reference: a running number per
-- circulation year, shared by a document's revisions; inquiries and their threads.
-- The unused index of migration 0004 goes.

DROP INDEX transparency_leaves_state;

CREATE TABLE exchange_cycles (
    year INTEGER PRIMARY KEY,
    opens_on TEXT NOT NULL,
    deadline TEXT NOT NULL,
    sections TEXT NOT NULL,
    circulation TEXT NOT NULL,
    pattern TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    opened_by TEXT NOT NULL
);

CREATE TABLE exchange_submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL REFERENCES exchange_cycles (year),
    state_code TEXT NOT NULL REFERENCES states (code),
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    submitted_by TEXT,
    late INTEGER NOT NULL DEFAULT 0,
    UNIQUE (year, state_code)
);
CREATE INDEX exchange_submissions_state ON exchange_submissions (state_code, year);

CREATE TABLE exchange_sections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id INTEGER NOT NULL REFERENCES exchange_submissions (id),
    section TEXT NOT NULL,
    version INTEGER NOT NULL,
    language TEXT NOT NULL,
    body TEXT NOT NULL,
    english TEXT,
    terms TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    UNIQUE (submission_id, section, version)
);

CREATE TABLE exchange_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id INTEGER NOT NULL REFERENCES exchange_submissions (id),
    revision INTEGER NOT NULL,
    number_year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    reference TEXT NOT NULL UNIQUE,
    content TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    late INTEGER NOT NULL,
    circulated_at TEXT NOT NULL,
    circulated_by TEXT NOT NULL,
    UNIQUE (submission_id, revision),
    UNIQUE (number_year, number, revision)
);

CREATE TABLE exchange_inquiries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id INTEGER NOT NULL REFERENCES exchange_submissions (id),
    asking_state TEXT NOT NULL REFERENCES states (code),
    section TEXT,
    public INTEGER NOT NULL DEFAULT 0,
    opened_at TEXT NOT NULL
);
CREATE INDEX exchange_inquiries_submission ON exchange_inquiries (submission_id);

CREATE TABLE exchange_posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    inquiry_id INTEGER NOT NULL REFERENCES exchange_inquiries (id),
    state_code TEXT NOT NULL REFERENCES states (code),
    author TEXT NOT NULL,
    posted_at TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX exchange_posts_inquiry ON exchange_posts (inquiry_id, id);

CREATE TRIGGER exchange_sections_no_update BEFORE UPDATE ON exchange_sections
BEGIN
    SELECT RAISE(ABORT, 'a saved version of a section is never altered');
END;
CREATE TRIGGER exchange_sections_no_delete BEFORE DELETE ON exchange_sections
BEGIN
    SELECT RAISE(ABORT, 'a saved version of a section is never removed');
END;
CREATE TRIGGER exchange_documents_no_update BEFORE UPDATE ON exchange_documents
BEGIN
    SELECT RAISE(ABORT, 'a circulated document is frozen');
END;
CREATE TRIGGER exchange_documents_no_delete BEFORE DELETE ON exchange_documents
BEGIN
    SELECT RAISE(ABORT, 'a circulated document is never removed');
END;
CREATE TRIGGER exchange_posts_no_update BEFORE UPDATE ON exchange_posts
BEGIN
    SELECT RAISE(ABORT, 'a message of an inquiry is never altered');
END;
CREATE TRIGGER exchange_posts_no_delete BEFORE DELETE ON exchange_posts
BEGIN
    SELECT RAISE(ABORT, 'a message of an inquiry is never removed');
END;
