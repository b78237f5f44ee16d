-- Version lifecycle: PENDING (added, not yet in use for encryption), PRIMARY (in the slot's main
-- entry, encrypts), DECRYPT_ONLY (older, still in the Secret for decryption), REPLACED (changed
-- outside Vigil, value no longer held), DESTROYED (retired and removed from the Secret).
ALTER TABLE key_slot_version ADD COLUMN state VARCHAR(16) NOT NULL DEFAULT 'PRIMARY';
ALTER TABLE key_slot_version ADD COLUMN promoted_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE key_slot_version ADD COLUMN auto_promote_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE key_slot_version ADD COLUMN compromised_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE key_slot_version ADD COLUMN destroyed_at TIMESTAMP(6) WITH TIME ZONE;
UPDATE key_slot_version v SET state = 'REPLACED'
 WHERE version < (SELECT max(version) FROM key_slot_version w
                   WHERE w.environment_id = v.environment_id AND w.slot = v.slot);
UPDATE key_slot_version SET promoted_at = observed_at WHERE state = 'PRIMARY';
CREATE UNIQUE INDEX key_slot_version_one_primary ON key_slot_version (environment_id, slot)
 WHERE state = 'PRIMARY';

-- Per-slot policy; a slot without a row has the defaults. Custom slots are listed here.
CREATE TABLE key_slot_policy (
    id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    environment_id         BIGINT       NOT NULL REFERENCES key_environment (id),
    slot                   VARCHAR(253) NOT NULL,
    custom                 BOOLEAN      NOT NULL DEFAULT FALSE,
    rotation_period_days   INTEGER      NOT NULL DEFAULT 365,
    automatic_rotation     BOOLEAN      NOT NULL DEFAULT FALSE,
    min_decryption_version INTEGER      NOT NULL DEFAULT 1,
    UNIQUE (environment_id, slot)
);

-- The credential vault: the platform's stored credentials, encrypted under a slot's key version.
CREATE TABLE stored_credential (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    environment_id  BIGINT       NOT NULL REFERENCES key_environment (id),
    slot            VARCHAR(253) NOT NULL,
    name            VARCHAR(253) NOT NULL,
    key_version     INTEGER      NOT NULL,
    ciphertext      TEXT         NOT NULL,
    rewrap_error    VARCHAR(256),
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    UNIQUE (environment_id, name)
);
-- Re-encryption walks a slot's credentials by id (a cursor, so rewrapped rows are never scanned
-- again); key_version stays out of indexes, so a rewrap can be a HOT update.
CREATE INDEX stored_credential_by_slot ON stored_credential (environment_id, slot, id);

-- Re-encryption of the vault to a slot's newest version: progress survives restarts.
CREATE TABLE reencryption_job (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    environment_id  BIGINT       NOT NULL REFERENCES key_environment (id),
    slot            VARCHAR(253) NOT NULL,
    target_version  INTEGER      NOT NULL,
    reason          VARCHAR(16)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    total           BIGINT       NOT NULL,
    done            BIGINT       NOT NULL DEFAULT 0,
    failed          BIGINT       NOT NULL DEFAULT 0,
    -- The highest credential id the job has looked at; batches continue after it.
    cursor_id       BIGINT       NOT NULL DEFAULT 0,
    last_event_at   TIMESTAMP(6) WITH TIME ZONE,
    started_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP(6) WITH TIME ZONE,
    error           VARCHAR(256)
);
CREATE UNIQUE INDEX reencryption_job_one_running ON reencryption_job (environment_id, slot)
 WHERE state = 'RUNNING';
