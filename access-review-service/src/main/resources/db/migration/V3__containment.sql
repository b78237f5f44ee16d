-- IR-02 Contain: one row per containment of one subject, with the operator as Entra ID names them
-- and a result per action. Kept as incident evidence.
CREATE TABLE access_containment (
    id            UUID         PRIMARY KEY,
    source_id     BIGINT       NOT NULL,
    source_name   VARCHAR(63)  NOT NULL,
    subject       VARCHAR(255) NOT NULL,
    incident_id   VARCHAR(64),
    -- JSON array of {action, outcome, detail}.
    results       TEXT         NOT NULL,
    caller_oid    VARCHAR(64)  NOT NULL,
    caller_azp    VARCHAR(64),
    caller_tid    VARCHAR(64),
    executed_at   TIMESTAMPTZ  NOT NULL
);

CREATE INDEX access_containment_subject ON access_containment (source_id, subject);
