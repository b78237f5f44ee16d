-- Pruning belongs to ${pruneRole}, a NOLOGIN role nobody can become except the schema owner: it
-- owns audit_prune (SECURITY DEFINER), so inside it current_user is ${pruneRole}, and the trigger
-- admits a DELETE on audit_entry only then. A session setting, which any role can set, no longer
-- opens the trigger, and the service's role can run audit_prune but never become its owner.
-- In production create the role beforehand and grant it to the schema owner (docs/operations.md);
-- here it is created when missing (the migrating role then needs CREATEROLE).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${pruneRole}') THEN
        CREATE ROLE "${pruneRole}" NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- created meanwhile by another database's migration on the same server
END
$$;

-- ALTER FUNCTION ... OWNER TO needs the migrating role to be a member of the new owner.
DO $$
BEGIN
    IF NOT pg_has_role(current_user, '${pruneRole}', 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', '${pruneRole}', current_user);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_entry' AND current_user = '${pruneRole}' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only (% rejected)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION audit_prune(chain TEXT, through BIGINT) RETURNS BIGINT
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
    DELETE FROM audit_entry e WHERE e.chain_id = chain AND e.chain_seq <= through;
    GET DIAGNOSTICS removed = ROW_COUNT;
    RETURN removed;
END;
$$ LANGUAGE plpgsql;

GRANT USAGE ON SCHEMA public TO "${pruneRole}";
GRANT SELECT, DELETE ON audit_entry TO "${pruneRole}";
GRANT SELECT ON audit_checkpoint, audit_prune_policy, audit_legal_hold TO "${pruneRole}";
-- A new owner needs CREATE on the schema at the moment of the change, and never again.
GRANT CREATE ON SCHEMA public TO "${pruneRole}";
ALTER FUNCTION audit_prune(TEXT, BIGINT) OWNER TO "${pruneRole}";
REVOKE CREATE ON SCHEMA public FROM "${pruneRole}";
REVOKE ALL ON FUNCTION audit_prune(TEXT, BIGINT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_prune(TEXT, BIGINT) TO "${appUser}";
