-- The service does its normal work as ${appUser}: it may read and append audit entries but holds no
-- UPDATE or DELETE right on them, so neither a bug nor an injected statement can rewrite history.
-- Flyway runs as the schema owner. The role is created here when missing (the owner then needs
-- CREATEROLE); in production create it beforehand with a password (docs/operations.md).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${appUser}') THEN
        CREATE ROLE "${appUser}" LOGIN;
    END IF;
END
$$;

DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), '${appUser}');
END
$$;
GRANT USAGE ON SCHEMA public TO "${appUser}";

GRANT SELECT, INSERT ON audit_entry, audit_checkpoint, audit_signing_key, audit_review TO "${appUser}";
GRANT SELECT, INSERT, UPDATE ON audit_chain_head TO "${appUser}";
GRANT SELECT, INSERT, UPDATE ON security_alert, audit_legal_hold TO "${appUser}";
GRANT SELECT, INSERT, UPDATE, DELETE ON vigil_outbox, vigil_inbox, vigil_reported_control TO "${appUser}";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "${appUser}";

-- Retention is the only removal path: a function that runs with the owner's rights, removes a
-- chain's prefix only up to an entry a signed checkpoint anchors, never the chain's newest entry.
CREATE FUNCTION audit_prune(chain TEXT, through BIGINT) RETURNS BIGINT
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    removed BIGINT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM audit_checkpoint c WHERE c.chain_id = chain AND c.seq = through) THEN
        RAISE EXCEPTION 'audit_prune: no checkpoint anchors % at %', chain, through;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM audit_chain_head h WHERE h.chain_id = chain AND h.seq > through) THEN
        RAISE EXCEPTION 'audit_prune: the newest entry of % is kept', chain;
    END IF;
    PERFORM set_config('vigil.audit.prune', 'on', true);
    DELETE FROM audit_entry e WHERE e.chain_id = chain AND e.chain_seq <= through;
    GET DIAGNOSTICS removed = ROW_COUNT;
    PERFORM set_config('vigil.audit.prune', 'off', true);
    RETURN removed;
END;
$$ LANGUAGE plpgsql;

REVOKE ALL ON FUNCTION audit_prune(TEXT, BIGINT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_prune(TEXT, BIGINT) TO "${appUser}";
