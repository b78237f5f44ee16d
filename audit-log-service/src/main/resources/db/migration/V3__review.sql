-- Periodic audit-log reviews (MON-01): who reviewed the log up to which point, with what finding.
CREATE TABLE audit_review (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reviewed_through TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    reviewer         VARCHAR(256) NOT NULL,
    note             VARCHAR(4000) NOT NULL,
    recorded_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TRIGGER audit_review_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_review
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
