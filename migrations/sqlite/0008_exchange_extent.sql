-- What the exchange keeps of an input's extent and of its document numbers.
--
-- Decision No. 1202 leaves the extent of an input to each State: a section may be declared
-- "not provided this year" (with an optional reason), which answers it.
--
-- Where the OSCE document system assigns the reference, the network manager records it at
-- circulation or corrects a generated one later. A document's current reference is its latest
-- recorded one (else the one it was circulated under); every earlier one stays and still
-- resolves (insert-only, like the documents). A kept PDF prints the reference, so it is kept
-- under "<reader language> <reference>" (`exchange_exports.language`).

ALTER TABLE exchange_sections ADD COLUMN not_provided INTEGER NOT NULL DEFAULT 0;
ALTER TABLE exchange_sections ADD COLUMN reason TEXT;

CREATE TABLE exchange_references (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES exchange_documents (id),
    reference TEXT NOT NULL UNIQUE,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX exchange_references_document ON exchange_references (document_id, id);

CREATE TRIGGER exchange_references_no_update BEFORE UPDATE ON exchange_references
BEGIN
    SELECT RAISE(ABORT, 'a recorded document reference is never altered');
END;
CREATE TRIGGER exchange_references_no_delete BEFORE DELETE ON exchange_references
BEGIN
    SELECT RAISE(ABORT, 'a recorded document reference is never removed');
END;
