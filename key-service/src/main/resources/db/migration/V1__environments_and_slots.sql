-- Environments whose keys Vigil manages: one Kubernetes Secret per environment holds its slots.
CREATE TABLE key_environment (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             VARCHAR(63)  NOT NULL UNIQUE,
    namespace        VARCHAR(63)  NOT NULL,
    cluster_context  VARCHAR(253),
    secret_name      VARCHAR(253) NOT NULL,
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    UNIQUE (namespace, secret_name)
);

-- What Vigil knows of each key version: metadata and a keyed fingerprint, never the key.
CREATE TABLE key_slot_version (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    environment_id   BIGINT       NOT NULL REFERENCES key_environment (id),
    slot             VARCHAR(63)  NOT NULL,
    version          INTEGER      NOT NULL,
    fingerprint      VARCHAR(64)  NOT NULL,
    weakness         VARCHAR(64),
    origin           VARCHAR(16)  NOT NULL,
    observed_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    UNIQUE (environment_id, slot, version)
);

CREATE INDEX key_slot_version_fingerprint ON key_slot_version (fingerprint);
