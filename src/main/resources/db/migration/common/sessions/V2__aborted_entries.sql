-- Transcript entries may be 'aborted': the partial reply of a turn that was stopped before it ended.
-- A CHECK constraint cannot be altered in place (SQLite), so the table is rebuilt with the wider CHECK and
-- its rows copied; PostgreSQL runs the same statements (this folder is shared by both engines).

CREATE TABLE transcript_entries_v2 (
    session_key TEXT    NOT NULL REFERENCES sessions (session_key) ON DELETE CASCADE,
    seq         BIGINT  NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('message', 'summary', 'notice', 'aborted')),
    role        TEXT    NOT NULL CHECK (role IN ('user', 'assistant', 'tool')),
    parts_json  TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (session_key, seq)
);

INSERT INTO transcript_entries_v2 (session_key, seq, kind, role, parts_json, created_at)
    SELECT session_key, seq, kind, role, parts_json, created_at FROM transcript_entries;

DROP TABLE transcript_entries;

ALTER TABLE transcript_entries_v2 RENAME TO transcript_entries;
