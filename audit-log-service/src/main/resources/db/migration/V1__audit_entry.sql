-- The audit log. Append-only: the trigger below rejects UPDATE and DELETE for everyone.
-- Entries form hash chains (one per Kafka partition): entry_hash = SHA-256 of the entry's
-- canonical form, which covers prev_hash (docs/audit-log.md).
CREATE TABLE audit_entry (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain_id            VARCHAR(32)  NOT NULL,
    chain_seq           BIGINT       NOT NULL,
    prev_hash           VARCHAR(64)     NOT NULL,
    entry_hash          VARCHAR(64)     NOT NULL,
    event_id            VARCHAR(128) NOT NULL UNIQUE,
    event_source        VARCHAR(256) NOT NULL,
    occurred_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    received_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL DEFAULT now(),
    actor_id            VARCHAR(256) NOT NULL,
    actor_type          VARCHAR(32)  NOT NULL,
    actor_display_name  VARCHAR(256),
    action              VARCHAR(128) NOT NULL,
    target_type         VARCHAR(64),
    target_id           VARCHAR(256),
    target_name         VARCHAR(256),
    outcome             VARCHAR(16)  NOT NULL,
    source_address      VARCHAR(64),
    user_agent          VARCHAR(512),
    organization        VARCHAR(256),
    correlation_id      VARCHAR(128),
    details             TEXT,
    UNIQUE (chain_id, chain_seq)
);

CREATE INDEX audit_entry_occurred_at ON audit_entry (occurred_at DESC, id DESC);
CREATE INDEX audit_entry_action ON audit_entry (action text_pattern_ops);
CREATE INDEX audit_entry_actor ON audit_entry (actor_id, occurred_at DESC);

CREATE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only (% rejected)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_entry_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();

-- The newest entry of each chain; appends lock this row, so each chain grows one entry at a time.
CREATE TABLE audit_chain_head (
    chain_id    VARCHAR(32) PRIMARY KEY,
    seq         BIGINT      NOT NULL,
    entry_hash  VARCHAR(64)    NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Signed statements of chain heads; also published to the checkpoint topic for others to keep.
CREATE TABLE audit_checkpoint (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chain_id    VARCHAR(32)  NOT NULL,
    seq         BIGINT       NOT NULL,
    entry_hash  VARCHAR(64)     NOT NULL,
    created_at  VARCHAR(32)  NOT NULL,
    key_id      VARCHAR(16)  NOT NULL,
    signature   VARCHAR(128) NOT NULL,
    UNIQUE (chain_id, seq)
);

CREATE TRIGGER audit_checkpoint_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();

-- Every public key that has signed checkpoints, so old checkpoints stay verifiable after rotation.
CREATE TABLE audit_signing_key (
    key_id      VARCHAR(16)  PRIMARY KEY,
    public_key  VARCHAR(128) NOT NULL,
    first_used  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Verification and export read each chain in storage order.
CREATE INDEX audit_entry_chain_order ON audit_entry (chain_id, id);
