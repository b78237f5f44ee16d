-- A PostgreSQL database of the platform that is backed up. Its password is a reference (a
-- Kubernetes Secret key or an environment variable name), never the password itself.
CREATE TABLE backup_target (
    id                   UUID         PRIMARY KEY,
    name                 VARCHAR(63)  NOT NULL UNIQUE,
    host                 VARCHAR(253) NOT NULL,
    port                 INTEGER      NOT NULL,
    database_name        VARCHAR(63)  NOT NULL,
    username             VARCHAR(63)  NOT NULL,
    ssl_mode             VARCHAR(16)  NOT NULL,
    password_secret_namespace VARCHAR(63),
    password_secret_name VARCHAR(253),
    password_secret_key  VARCHAR(253),
    password_env         VARCHAR(128),
    schedule             VARCHAR(64)  NOT NULL,
    restore_test_schedule VARCHAR(64) NOT NULL,
    keep_hourly          INTEGER      NOT NULL,
    keep_daily           INTEGER      NOT NULL,
    keep_weekly          INTEGER      NOT NULL,
    keep_monthly         INTEGER      NOT NULL,
    keep_yearly          INTEGER      NOT NULL,
    keep_minimum         INTEGER      NOT NULL,
    rpo_minutes          INTEGER      NOT NULL,
    rto_minutes          INTEGER      NOT NULL,
    checks               TEXT         NOT NULL DEFAULT '[]',
    enabled              BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by           VARCHAR(128) NOT NULL,
    updated_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_by           VARCHAR(128) NOT NULL,
    -- The last scheduled time found missed, so each missed schedule is reported once.
    last_missed_fire     TIMESTAMP(6) WITH TIME ZONE
);

-- The backup catalogue. A backup counts (for retention, restores and the controls) only once it is
-- VERIFIED: stored completely, re-read, checksummed, decrypted and listed by pg_restore.
CREATE TABLE backup (
    id                UUID         PRIMARY KEY,
    target_id         UUID         NOT NULL REFERENCES backup_target (id) ON DELETE CASCADE,
    status            VARCHAR(16)  NOT NULL,
    trigger           VARCHAR(16)  NOT NULL,
    requested_by      VARCHAR(128) NOT NULL,
    created_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP(6) WITH TIME ZONE,
    heartbeat_at      TIMESTAMP(6) WITH TIME ZONE,
    finished_at       TIMESTAMP(6) WITH TIME ZONE,
    runner            VARCHAR(128),
    phase             VARCHAR(32),
    bytes_done        BIGINT       NOT NULL DEFAULT 0,
    snapshot_at       TIMESTAMP(6) WITH TIME ZONE,
    server_version    VARCHAR(64),
    pg_dump_version   VARCHAR(64),
    object_key        VARCHAR(512),
    stored_bytes      BIGINT,
    dump_bytes        BIGINT,
    dump_sha256       VARCHAR(64),
    object_sha256     VARCHAR(64),
    kek_key_id        BIGINT,
    wrapped_key       TEXT,
    manifest          TEXT,
    error             VARCHAR(1000),
    verified_at       TIMESTAMP(6) WITH TIME ZONE,
    last_verified_at  TIMESTAMP(6) WITH TIME ZONE,
    held              BOOLEAN      NOT NULL DEFAULT FALSE,
    hold_reason       VARCHAR(500),
    incident_id       VARCHAR(64),
    pruned_at         TIMESTAMP(6) WITH TIME ZONE
);

-- At most one backup of a target is queued or running, whichever replica enqueued it.
CREATE UNIQUE INDEX backup_one_active_per_target ON backup (target_id)
    WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX backup_target_created ON backup (target_id, created_at DESC);

-- Restore tests (into a scratch database that is dropped afterwards), DR drills and recoveries.
CREATE TABLE restore_run (
    id               UUID         PRIMARY KEY,
    backup_id        UUID         NOT NULL REFERENCES backup (id),
    target_id        UUID         NOT NULL REFERENCES backup_target (id) ON DELETE CASCADE,
    kind             VARCHAR(16)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    requested_by     VARCHAR(128) NOT NULL,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP(6) WITH TIME ZONE,
    heartbeat_at     TIMESTAMP(6) WITH TIME ZONE,
    finished_at      TIMESTAMP(6) WITH TIME ZONE,
    runner           VARCHAR(128),
    phase            VARCHAR(32),
    database_name    VARCHAR(63)  NOT NULL,
    replace_existing BOOLEAN      NOT NULL DEFAULT FALSE,
    duration_ms      BIGINT,
    data_age_seconds BIGINT,
    mismatches       TEXT         NOT NULL DEFAULT '[]',
    check_results    TEXT         NOT NULL DEFAULT '[]',
    error            VARCHAR(1000),
    incident_id      VARCHAR(64)
);

CREATE UNIQUE INDEX restore_one_active_per_target ON restore_run (target_id)
    WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX restore_run_target_created ON restore_run (target_id, created_at DESC);
