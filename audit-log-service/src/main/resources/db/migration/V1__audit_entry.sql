-- The audit log. Append-only: the trigger below rejects UPDATE and DELETE for everyone.
CREATE TABLE audit_entry (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    details             TEXT
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
