-- A user message that came from a chat channel records the channel's message id ('telegram:1234'), so that a
-- message run again after a restart finds its stored entry instead of storing the user's text a second time.
-- Null for every other entry. Both engines accept this ALTER and the index as written.

ALTER TABLE transcript_entries ADD COLUMN inbound_id TEXT;

CREATE INDEX transcript_entries_by_inbound ON transcript_entries (session_key, inbound_id);
