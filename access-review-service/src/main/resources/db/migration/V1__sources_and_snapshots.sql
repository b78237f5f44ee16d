-- Where accounts come from: Microsoft Entra ID (read through Microsoft Graph) or the platform
-- itself (snapshots pushed to the API).
CREATE TABLE access_source (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              VARCHAR(63)  NOT NULL UNIQUE,
    kind              VARCHAR(16)  NOT NULL CHECK (kind IN ('ENTRA', 'PLATFORM')),
    created_at        TIMESTAMPTZ  NOT NULL,
    last_sync_at      TIMESTAMPTZ,
    last_success_at   TIMESTAMPTZ,
    -- Why the last sync failed, or null. Never holds tokens or response bodies.
    last_error        VARCHAR(512)
);

-- One complete reading of a source. A sync writes a new snapshot and makes it CURRENT in the same
-- transaction that supersedes the previous one, so readers see the old one whole or the new one
-- whole, never a mix and never nothing after a failure.
CREATE TABLE access_snapshot (
    id                         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id                  BIGINT       NOT NULL REFERENCES access_source (id) ON DELETE CASCADE,
    state                      VARCHAR(16)  NOT NULL CHECK (state IN ('CURRENT', 'SUPERSEDED')),
    taken_at                   TIMESTAMPTZ  NOT NULL,
    -- False when the source could not say when accounts last signed in (Entra ID without P1).
    sign_in_activity_available BOOLEAN      NOT NULL,
    account_count              INTEGER      NOT NULL,
    api_key_count              INTEGER      NOT NULL,
    -- Admin password policy (platform sources); null columns: not reported.
    sso_only                   BOOLEAN,
    password_min_length        INTEGER,
    password_requires_mixed    BOOLEAN,
    password_max_age_days      INTEGER
);

CREATE UNIQUE INDEX access_snapshot_one_current ON access_snapshot (source_id) WHERE state = 'CURRENT';

CREATE TABLE access_account (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    snapshot_id      BIGINT       NOT NULL REFERENCES access_snapshot (id) ON DELETE CASCADE,
    external_id      VARCHAR(255) NOT NULL,
    display_name     VARCHAR(255),
    user_type        VARCHAR(32),
    enabled          BOOLEAN      NOT NULL,
    created_at       TIMESTAMPTZ,
    -- Null with sign_in_known: never signed in. Null without it: unknown.
    last_sign_in_at  TIMESTAMPTZ,
    sign_in_known    BOOLEAN      NOT NULL,
    roles            TEXT         NOT NULL,
    organizations    TEXT         NOT NULL,
    mfa_registered   BOOLEAN,
    mfa_enforced     BOOLEAN,
    mfa_policy       VARCHAR(255),
    manager_id       VARCHAR(255),
    UNIQUE (snapshot_id, external_id)
);

CREATE TABLE access_api_key (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    snapshot_id   BIGINT       NOT NULL REFERENCES access_snapshot (id) ON DELETE CASCADE,
    key_id        VARCHAR(255) NOT NULL,
    name          VARCHAR(255),
    owner_id      VARCHAR(255),
    scopes        TEXT         NOT NULL,
    created_at    TIMESTAMPTZ,
    last_used_at  TIMESTAMPTZ,
    expires_at    TIMESTAMPTZ,
    status        VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED')),
    UNIQUE (snapshot_id, key_id)
);
