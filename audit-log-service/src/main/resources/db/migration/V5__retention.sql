-- Retention: the only path that removes audit entries. It runs with vigil.audit.prune = on in its
-- own transaction; everything else is still rejected.
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_entry'
       AND current_setting('vigil.audit.prune', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only (% rejected)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

-- Legal holds keep entries beyond retention: of one organization, of a time range, or both.
CREATE TABLE audit_legal_hold (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization  VARCHAR(256),
    from_time     TIMESTAMP(6) WITH TIME ZONE,
    to_time       TIMESTAMP(6) WITH TIME ZONE,
    reason        VARCHAR(2000) NOT NULL,
    created_by    VARCHAR(256)  NOT NULL,
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    released_by   VARCHAR(256),
    released_at   TIMESTAMP(6) WITH TIME ZONE
);

CREATE INDEX audit_entry_chain_received ON audit_entry (chain_id, received_at);
