-- Search by source network (CIDR) without failing on stored values that are not addresses.
CREATE FUNCTION audit_safe_inet(address TEXT) RETURNS INET AS $$
BEGIN
    RETURN address::inet;
EXCEPTION WHEN others THEN
    RETURN NULL;
END;
$$ LANGUAGE plpgsql IMMUTABLE STRICT;

CREATE INDEX audit_entry_source_inet ON audit_entry USING gist (audit_safe_inet(source_address) inet_ops);
CREATE INDEX audit_entry_target ON audit_entry (target_id, occurred_at DESC);
CREATE INDEX audit_entry_outcome ON audit_entry (outcome, occurred_at DESC);
CREATE INDEX audit_entry_organization ON audit_entry (organization, occurred_at DESC);
CREATE INDEX audit_entry_correlation ON audit_entry (correlation_id);
