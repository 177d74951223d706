-- The data-flow ledger: one row per upstream contact. Costs are integer nano-USD so that sums stay exact in SQL.
-- The engines differ only in how the row id is generated.

CREATE TABLE ledger_contact (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms          BIGINT NOT NULL,
    request_id     TEXT,
    agent_id       TEXT,
    key_id         TEXT,
    kind           TEXT NOT NULL,
    provider       TEXT NOT NULL,
    host           TEXT NOT NULL,
    region         TEXT,
    model          TEXT NOT NULL,
    bytes_sent     BIGINT NOT NULL,
    bytes_received BIGINT NOT NULL,
    tokens_in      BIGINT NOT NULL,
    tokens_out     BIGINT NOT NULL,
    cost_nano_usd  BIGINT NOT NULL,
    outcome        TEXT NOT NULL
);

CREATE INDEX ledger_contact_at ON ledger_contact (at_ms);
