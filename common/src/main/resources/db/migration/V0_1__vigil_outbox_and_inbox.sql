-- Shared by every Vigil service (from vigil-common). Services number their own migrations from V1.

-- Transactional outbox: written in the same transaction as the state change it reports.
CREATE TABLE vigil_outbox (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      UUID        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    event_type    TEXT        NOT NULL,
    event_source  TEXT        NOT NULL,
    subject       TEXT        NOT NULL,
    data_schema   TEXT,
    occurred_at   TIMESTAMPTZ NOT NULL,
    payload       JSONB       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at       TIMESTAMPTZ,
    attempts      INTEGER     NOT NULL DEFAULT 0,
    last_error    TEXT
);

-- The relay reads unsent rows in id order; sent rows are only kept for a while.
CREATE INDEX vigil_outbox_unsent ON vigil_outbox (id) WHERE sent_at IS NULL;
CREATE INDEX vigil_outbox_sent_at ON vigil_outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Idempotent consumption: one row per (consumer, CloudEvent id) processed.
CREATE TABLE vigil_inbox (
    consumer      TEXT        NOT NULL,
    event_id      TEXT        NOT NULL,
    processed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX vigil_inbox_processed_at ON vigil_inbox (processed_at);
