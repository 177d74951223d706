-- Responses API answers kept for previous_response_id and GET/DELETE /v1/responses/{id}. Bounded by count and
-- age (JdbcResponseStore prunes on every write); not part of any session.

CREATE TABLE responses (
    response_id       TEXT    NOT NULL PRIMARY KEY,
    conversation_json TEXT    NOT NULL,
    response_json     TEXT    NOT NULL,
    created_at        BIGINT  NOT NULL
);

CREATE INDEX responses_created_at ON responses (created_at);
