-- What to review and how: scope, duration, reviewers and the decision applied at expiry.
CREATE TABLE access_campaign_definition (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               VARCHAR(127) NOT NULL UNIQUE,
    scope              VARCHAR(16)  NOT NULL CHECK (scope IN ('MEMBERS', 'ADMINS', 'ROLES', 'API_KEYS')),
    duration_days      INTEGER      NOT NULL CHECK (duration_days BETWEEN 1 AND 90),
    -- Entra object ids (oid) of the reviewers, as a JSON array.
    reviewers          TEXT         NOT NULL,
    default_decision   VARCHAR(32)  NOT NULL CHECK (default_decision IN ('NONE', 'APPROVE', 'APPLY_RECOMMENDATIONS')),
    apply_revocations  BOOLEAN      NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL
);

-- One run of a definition. Its items are frozen at start and kept after close as evidence.
CREATE TABLE access_campaign (
    id              UUID         PRIMARY KEY,
    definition_id   BIGINT       NOT NULL REFERENCES access_campaign_definition (id),
    scope           VARCHAR(16)  NOT NULL,
    state           VARCHAR(16)  NOT NULL CHECK (state IN ('OPEN', 'CLOSED')),
    started_at      TIMESTAMPTZ  NOT NULL,
    due_at          TIMESTAMPTZ  NOT NULL,
    closed_at       TIMESTAMPTZ,
    started_by      VARCHAR(64)  NOT NULL,
    closed_by       VARCHAR(64)
);

CREATE INDEX access_campaign_closed ON access_campaign (scope, closed_at) WHERE state = 'CLOSED';

CREATE TABLE access_campaign_item (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    campaign_id       UUID         NOT NULL REFERENCES access_campaign (id) ON DELETE CASCADE,
    source_id         BIGINT       NOT NULL,
    source_name       VARCHAR(63)  NOT NULL,
    kind              VARCHAR(16)  NOT NULL CHECK (kind IN ('ACCOUNT', 'API_KEY')),
    subject_id        VARCHAR(255) NOT NULL,
    subject_label     VARCHAR(600) NOT NULL,
    -- The subject's owner (API keys) or itself (accounts): nobody decides on their own access.
    owner_id          VARCHAR(255),
    roles             TEXT         NOT NULL,
    recommendation    VARCHAR(16)  NOT NULL CHECK (recommendation IN ('KEEP', 'REVOKE')),
    reasons           TEXT         NOT NULL,
    decision          VARCHAR(16)  CHECK (decision IN ('APPROVE', 'REVOKE', 'MODIFY')),
    justification     VARCHAR(2000),
    decided_by        VARCHAR(64),
    decided_at        TIMESTAMPTZ,
    -- REQUESTED at close, APPLIED once the source accepted it, VERIFIED once a later snapshot
    -- shows it, FAILED with the reason.
    revocation        VARCHAR(16)  CHECK (revocation IN ('REQUESTED', 'APPLIED', 'VERIFIED', 'FAILED')),
    revocation_error  VARCHAR(512),
    UNIQUE (campaign_id, source_id, kind, subject_id)
);
