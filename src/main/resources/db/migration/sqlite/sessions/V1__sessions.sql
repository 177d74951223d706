-- Sessions, transcripts and the usage ledger.
-- Portable on purpose (see SessionStore): times are BIGINT epoch milliseconds, JSON is TEXT, booleans are
-- BOOLEAN. Only usage_ledger.id is SQLite-specific (INTEGER PRIMARY KEY = rowid); PostgreSQL's copy of this
-- script uses BIGINT GENERATED ALWAYS AS IDENTITY there. Statements end with a semicolon at the end of a
-- line; no semicolons inside statements.

CREATE TABLE sessions (
    session_key      TEXT    NOT NULL PRIMARY KEY,
    agent_id         TEXT    NOT NULL,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    model_override   TEXT,
    compaction_count INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX sessions_by_agent ON sessions (agent_id, updated_at);

CREATE TABLE transcript_entries (
    session_key TEXT    NOT NULL REFERENCES sessions (session_key) ON DELETE CASCADE,
    seq         BIGINT  NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('message', 'summary', 'notice')),
    role        TEXT    NOT NULL CHECK (role IN ('user', 'assistant', 'tool')),
    parts_json  TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (session_key, seq)
);

CREATE TABLE usage_ledger (
    id                 INTEGER          NOT NULL PRIMARY KEY,
    session_key        TEXT             NOT NULL REFERENCES sessions (session_key) ON DELETE CASCADE,
    model_ref          TEXT             NOT NULL,
    input_tokens       BIGINT           NOT NULL,
    output_tokens      BIGINT           NOT NULL,
    cache_read_tokens  BIGINT           NOT NULL,
    cache_write_tokens BIGINT           NOT NULL,
    reasoning_tokens   BIGINT           NOT NULL,
    tokens_estimated   BOOLEAN          NOT NULL,
    cost_usd           DOUBLE PRECISION NOT NULL,
    duration_ms        BIGINT           NOT NULL,
    fell_back          BOOLEAN          NOT NULL,
    fallback_reason    TEXT,
    created_at         BIGINT           NOT NULL
);

CREATE INDEX usage_ledger_by_session ON usage_ledger (session_key, created_at);
CREATE INDEX usage_ledger_by_time ON usage_ledger (created_at);
