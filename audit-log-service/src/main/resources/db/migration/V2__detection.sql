-- Detection reads sliding windows straight from the stored entries (no state to rebuild).
CREATE INDEX audit_entry_signin_by_account ON audit_entry (action, actor_id, occurred_at);
CREATE INDEX audit_entry_signin_by_source ON audit_entry (action, source_address, occurred_at);
CREATE INDEX audit_entry_by_target ON audit_entry (action, target_id, occurred_at);

-- Alerts raised by detection rules. Repeats within the cool-down are counted, not raised again.
CREATE TABLE security_alert (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id          UUID         NOT NULL UNIQUE,
    rule              VARCHAR(64)  NOT NULL,
    severity          VARCHAR(16)  NOT NULL,
    subject           VARCHAR(300) NOT NULL,
    raised_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_seen_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    suppressed        INTEGER      NOT NULL DEFAULT 0,
    window_count      INTEGER      NOT NULL,
    threshold         INTEGER      NOT NULL,
    window_seconds    BIGINT       NOT NULL,
    trigger_event_ids TEXT         NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    acknowledged_by   VARCHAR(256),
    acknowledged_at   TIMESTAMP(6) WITH TIME ZONE,
    acknowledgement   VARCHAR(2000)
);

CREATE INDEX security_alert_rule_subject ON security_alert (rule, subject, raised_at DESC);
CREATE INDEX security_alert_open ON security_alert (status, severity, raised_at);
