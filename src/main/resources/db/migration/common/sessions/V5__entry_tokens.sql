-- Each transcript entry's token estimate (TokenEstimator.shared()'s estimateMessageTokens), stored when the
-- entry is written, so that the first turn of a session after a restart adds the stored counts instead of
-- counting the whole context again. NULL for entries written before this column: those are counted on read.

ALTER TABLE transcript_entries ADD COLUMN tokens BIGINT;
