-- The channels' inbox, update cursors and DM pairing. PostgreSQL has no rowid: "arrival" orders the inbox and
-- the pairing requests by insertion (SqlDatabase.Dialect.insertionOrder).

CREATE TABLE IF NOT EXISTS inbox (
    channel     TEXT    NOT NULL,
    message_id  TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    done        INTEGER NOT NULL DEFAULT 0,
    received_at BIGINT  NOT NULL,
    arrival     BIGINT  GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (channel, message_id)
);

CREATE TABLE IF NOT EXISTS cursors (
    channel TEXT NOT NULL PRIMARY KEY,
    value   TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS pairing_requests (
    channel     TEXT   NOT NULL,
    code        TEXT   NOT NULL,
    sender_id   TEXT   NOT NULL,
    sender_name TEXT,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    arrival     BIGINT GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (channel, code)
);

CREATE TABLE IF NOT EXISTS approved_senders (
    channel     TEXT   NOT NULL,
    sender_id   TEXT   NOT NULL,
    approved_at BIGINT NOT NULL,
    PRIMARY KEY (channel, sender_id)
);
