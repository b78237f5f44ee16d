-- The last evaluation each service reported per control, so unchanged results are not re-sent
-- on every run (only when they change or approach their valid-until).
CREATE TABLE vigil_reported_control (
    control_id       VARCHAR(16)  PRIMARY KEY,
    status           VARCHAR(16)  NOT NULL,
    evidence_digest  VARCHAR(64)  NOT NULL,
    reported_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    valid_until      TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
