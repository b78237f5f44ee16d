-- Every evaluation received, so a report can show the checklist as it stood at any point in time.
CREATE TABLE control_history (
    id            BIGSERIAL    PRIMARY KEY,
    control_id    VARCHAR(16)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    evaluated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    valid_until   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    evaluated_by  VARCHAR(64)  NOT NULL,
    evidence      TEXT         NOT NULL,
    event_id      VARCHAR(128) NOT NULL UNIQUE,
    received_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX control_history_by_control ON control_history (control_id, evaluated_at DESC);

INSERT INTO control_history (control_id, status, evaluated_at, valid_until, evaluated_by, evidence, event_id, received_at)
SELECT control_id, status, evaluated_at, valid_until, evaluated_by, evidence, event_id, updated_at FROM control_state;

-- A named person confirms an attest or auto+attest control, until the expiry.
CREATE TABLE attestation (
    id              UUID         PRIMARY KEY,
    control_id      VARCHAR(16)  NOT NULL,
    attested_by     VARCHAR(128) NOT NULL,
    attested_by_name VARCHAR(256),
    tenant_id       VARCHAR(64),
    note            TEXT         NOT NULL,
    evidence_link   VARCHAR(1000),
    attested_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP(6) WITH TIME ZONE,
    revoked_by      VARCHAR(128)
);
CREATE INDEX attestation_by_control ON attestation (control_id, attested_at DESC);

-- Accepted risk: a control that may fail for a stated reason until the expiry.
CREATE TABLE risk_exception (
    id              UUID         PRIMARY KEY,
    control_id      VARCHAR(16)  NOT NULL,
    reason          TEXT         NOT NULL,
    accepted_by     VARCHAR(128) NOT NULL,
    accepted_by_name VARCHAR(256),
    tenant_id       VARCHAR(64),
    accepted_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP(6) WITH TIME ZONE,
    revoked_by      VARCHAR(128)
);
CREATE INDEX risk_exception_by_control ON risk_exception (control_id, accepted_at DESC);
