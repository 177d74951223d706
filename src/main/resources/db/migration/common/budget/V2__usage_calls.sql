-- One row per settled call (free calls too) for `clawgate usage --by agent|key|model|provider`; cost is exact
-- decimal text. Rows older than the retention are deleted when the store opens.

CREATE TABLE usage_calls (
    at_ms      BIGINT NOT NULL,
    agent      TEXT,
    key_id     TEXT,
    model      TEXT NOT NULL,
    provider   TEXT,
    tokens_in  BIGINT NOT NULL,
    tokens_out BIGINT NOT NULL,
    cost_usd   TEXT NOT NULL
);

CREATE INDEX usage_calls_at ON usage_calls (at_ms);
