-- What each State sent, per hour (issue 19): the daily budget (issue 18) is read from at most 25
-- rows instead of counting the day's messages, which every send did inside the writer's
-- transaction: at the benchmark's volume that was most of a send's work, and it grew with the
-- day. The budget's window is the last 24 hours counted from the start of the hour.
CREATE TABLE channel_sent (
    state_code TEXT NOT NULL REFERENCES states (code),
    hour TEXT NOT NULL,
    messages BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    PRIMARY KEY (state_code, hour)
);
INSERT INTO channel_sent (state_code, hour, messages, bytes)
SELECT from_state, substr(sent_at, 1, 13), COUNT(*), SUM(size)
FROM channel_messages GROUP BY from_state, substr(sent_at, 1, 13);
