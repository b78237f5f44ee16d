-- The service does its normal work as ${appUser}: it may read and append audit entries but holds no
-- UPDATE or DELETE right on them, so neither a bug nor an injected statement can rewrite history.
-- Flyway runs as the schema owner. The role is created here when missing (the owner then needs
-- CREATEROLE); in production create it beforehand with a password (docs/operations.md).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${appUser}') THEN
        CREATE ROLE "${appUser}" LOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- created meanwhile by another database's migration on the same server
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

-- What pruning may never remove, whatever the service asks: entries received within min_age.
-- Only the owner can read or change it (the service's role has no right on this table), so a
-- compromised service cannot erase recent history. Change it as the owner:
--   UPDATE audit_prune_policy SET min_age = interval '7 days';
CREATE TABLE audit_prune_policy (
    only_row  BOOLEAN  PRIMARY KEY DEFAULT true CHECK (only_row),
    min_age   INTERVAL NOT NULL
);
INSERT INTO audit_prune_policy (min_age) VALUES (CAST('${pruneMinAge}' AS interval));

-- Retention is the only removal path: a function that runs with the owner's rights. It removes a
-- chain's prefix only up to an entry a checkpoint anchors, never the chain's newest entry, nothing
-- under an active legal hold and nothing received within the policy's min_age.
CREATE FUNCTION audit_prune(chain TEXT, through BIGINT) RETURNS BIGINT
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    removed BIGINT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM audit_checkpoint c WHERE c.chain_id = chain AND c.seq = through) THEN
        RAISE EXCEPTION 'audit_prune: no checkpoint anchors % at %', chain, through;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM audit_entry e WHERE e.chain_id = chain AND e.chain_seq > through) THEN
        RAISE EXCEPTION 'audit_prune: the newest entry of % is kept', chain;
    END IF;
    IF EXISTS (SELECT 1 FROM audit_entry e WHERE e.chain_id = chain AND e.chain_seq <= through
               AND e.received_at >= now() - (SELECT min_age FROM audit_prune_policy)) THEN
        RAISE EXCEPTION 'audit_prune: % holds entries through % received within the minimum age', chain, through;
    END IF;
    IF EXISTS (SELECT 1 FROM audit_entry e JOIN audit_legal_hold h ON h.released_at IS NULL
                   AND (h.organization IS NULL OR h.organization = e.organization)
                   AND (h.from_time IS NULL OR e.occurred_at >= h.from_time)
                   AND (h.to_time IS NULL OR e.occurred_at < h.to_time)
               WHERE e.chain_id = chain AND e.chain_seq <= through) THEN
        RAISE EXCEPTION 'audit_prune: % holds entries through % under a legal hold', chain, through;
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
