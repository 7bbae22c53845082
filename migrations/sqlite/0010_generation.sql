-- The data's generation (issue 19): every committed write moves it on, in the same transaction.
-- A process keeps what its reads computed (signed-in sessions, the directory's status) only
-- for the generation it was computed at, and follows this row to see the other processes'
-- writes: nothing cached outlives a change, whichever process made it.
CREATE TABLE generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO generation (id, n) VALUES (1, 0);
