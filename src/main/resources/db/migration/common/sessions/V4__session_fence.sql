-- The fencing token of the latest turn lease that wrote to the session (see TurnLocks and JdbcSessionStore):
-- a turn's writes carry its lease's fence and are refused when a later holder has stored a higher one, so an
-- instance whose lease ran out (a GC pause, a partition) cannot append after the next holder started.
-- 0: no fenced turn has written yet (every session from before this migration). Both engines accept this.

ALTER TABLE sessions ADD COLUMN fence BIGINT NOT NULL DEFAULT 0;
