-- Settled spend per budget scope and period; amounts are exact decimal text. IF NOT EXISTS: budget.db files
-- from before Flyway already hold the table and are baselined at version 0, so this script runs on them too.

CREATE TABLE IF NOT EXISTS budget_spend (
    scope      TEXT NOT NULL,
    period_key TEXT NOT NULL,
    spent_usd  TEXT NOT NULL,
    PRIMARY KEY (scope, period_key)
);
