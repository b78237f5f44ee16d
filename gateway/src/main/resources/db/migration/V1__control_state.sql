-- The checklist read model: the latest evaluation of each control, from the compliance topic.
CREATE TABLE control_state (
    control_id    VARCHAR(16)  PRIMARY KEY,
    status        VARCHAR(16)  NOT NULL,
    evaluated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    valid_until   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    evaluated_by  VARCHAR(64)  NOT NULL,
    evidence      TEXT         NOT NULL,
    event_id      VARCHAR(128) NOT NULL,
    updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
