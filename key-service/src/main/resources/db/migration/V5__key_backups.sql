-- Offline key backups: what each exported bundle covers (slot versions, never values), and when
-- it was verified by decrypting it and matching its fingerprints against the live versions.
CREATE TABLE key_backup (
    id              UUID         PRIMARY KEY,
    environment_id  BIGINT       NOT NULL REFERENCES key_environment (id),
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(256) NOT NULL,
    -- {"<slot>": [<version>, ...]}
    versions        TEXT         NOT NULL,
    verified_at     TIMESTAMP(6) WITH TIME ZONE,
    verified_by     VARCHAR(256),
    restored_at     TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX key_backup_by_environment ON key_backup (environment_id, created_at);

-- The operator's statement of where the offline copy is kept (KEY-04, ENV-04), with an expiry.
CREATE TABLE key_backup_attestation (
    id                              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    environment_id                  BIGINT       NOT NULL REFERENCES key_environment (id),
    location                        VARCHAR(512) NOT NULL,
    separate_from_database_backups  BOOLEAN      NOT NULL,
    note                            VARCHAR(2000),
    attested_by                     VARCHAR(256) NOT NULL,
    attested_at                     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    expires_at                      TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX key_backup_attestation_by_environment ON key_backup_attestation (environment_id, attested_at);
