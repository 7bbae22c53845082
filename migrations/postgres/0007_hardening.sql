-- What the hardening against hostile accounts stores.
--
-- Sessions and API tokens carry a label (what the owner called the token) and the address they
-- were issued to, so an account's page lists them and each can be revoked.
--
-- Failed sign-ins are counted per username (normalised, whether or not an account has it, so
-- that the answers do not tell which exist) *and* client address: enough failures lock that
-- name for that address only, for a time that doubles with every further failure, so a stranger
-- cannot lock a real user out from elsewhere, and not forever. Rows older than a day go.
--
-- Markdown is rendered once, when a text is stored: the sanitised HTML is kept under the
-- SHA-256 of the renderer's version and the source text, insert-only like the texts themselves.
--
-- A circulated revision never changes, so its PDF is typeset once per reader language and
-- kept with its SHA-256 (insert-only).

ALTER TABLE sessions ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';

CREATE TABLE login_failures (
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    failures BIGINT NOT NULL,
    last_failed_at TEXT NOT NULL,
    locked_until TEXT,
    PRIMARY KEY (username, address)
);
CREATE INDEX login_failures_last ON login_failures (last_failed_at);

CREATE TABLE exchange_rendered (
    source_sha256 TEXT PRIMARY KEY,
    html TEXT NOT NULL
);

CREATE TABLE exchange_exports (
    document_id BIGINT NOT NULL REFERENCES exchange_documents (id),
    language TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    pdf BYTEA NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (document_id, language)
);

CREATE TRIGGER exchange_rendered_no_change BEFORE UPDATE OR DELETE ON exchange_rendered
    FOR EACH ROW EXECUTE FUNCTION exchange_immutable();
CREATE TRIGGER exchange_exports_no_change BEFORE UPDATE OR DELETE ON exchange_exports
    FOR EACH ROW EXECUTE FUNCTION exchange_immutable();
