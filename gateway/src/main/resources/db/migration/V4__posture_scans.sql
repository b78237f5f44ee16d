-- Cluster posture scans: the rules' results per control, with every finding.
CREATE TABLE posture_scan (
    id           UUID         PRIMARY KEY,
    trigger      VARCHAR(32)  NOT NULL,
    namespaces   TEXT         NOT NULL,
    started_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    reported     BOOLEAN      NOT NULL,
    objects      INTEGER      NOT NULL,
    results      TEXT         NOT NULL
);
CREATE INDEX posture_scan_by_time ON posture_scan (started_at DESC);
