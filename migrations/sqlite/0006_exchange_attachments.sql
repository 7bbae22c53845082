-- Attachments of the exchange's sections. Each file is stored once and never altered or
-- removed; a saved version of a section lists the attachments it carries (their metadata, as
-- JSON), so a circulated document keeps exactly the files it was circulated with.

ALTER TABLE exchange_sections ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';

CREATE TABLE exchange_attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id INTEGER NOT NULL REFERENCES exchange_submissions (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL
);
CREATE INDEX exchange_attachments_submission ON exchange_attachments (submission_id);

CREATE TRIGGER exchange_attachments_no_update BEFORE UPDATE ON exchange_attachments
BEGIN
    SELECT RAISE(ABORT, 'an attached file is never altered');
END;
CREATE TRIGGER exchange_attachments_no_delete BEFORE DELETE ON exchange_attachments
BEGIN
    SELECT RAISE(ABORT, 'an attached file is never removed');
END;
