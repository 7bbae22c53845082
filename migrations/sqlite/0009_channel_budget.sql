-- A State's daily budget of protected messages (issue 18, a hostile State's probe: 150 urgent
-- requests in 3 s, each mailed to the recipients' CERTs, and 7 MB attachments kept for good).
-- Each send counts the messages the sender's State sent in the last day: by sender and time.
CREATE INDEX channel_messages_sent ON channel_messages (from_state, sent_at);
