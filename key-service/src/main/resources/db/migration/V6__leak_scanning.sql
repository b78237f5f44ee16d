-- Git repositories scanned for committed keys (KEY-05) and secret files (ENV-01).
CREATE TABLE leak_repository (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               VARCHAR(128)  NOT NULL UNIQUE,
    url                VARCHAR(2048) NOT NULL,
    created_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    scan_requested_at  TIMESTAMP(6) WITH TIME ZONE,
    last_scan_at       TIMESTAMP(6) WITH TIME ZONE,
    last_scan_commits  INTEGER,
    last_scan_millis   BIGINT,
    last_scan_error    VARCHAR(512)
);

-- What scans found, once per (repository, kind, commit, path, line) however often it is seen.
CREATE TABLE leak_finding (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id    BIGINT        NOT NULL REFERENCES leak_repository (id),
    kind             VARCHAR(32)   NOT NULL,
    commit_id        VARCHAR(40)   NOT NULL,
    path             VARCHAR(4096) NOT NULL,
    line             INTEGER       NOT NULL,
    environment      VARCHAR(63),
    slot             VARCHAR(253),
    version          INTEGER,
    first_seen_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_seen_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    resolved_at      TIMESTAMP(6) WITH TIME ZONE,
    resolved_by      VARCHAR(256),
    resolution_note  VARCHAR(2000)
);
-- By a hash of the path: an index entry holding a 4 KB path would exceed PostgreSQL's limit.
CREATE UNIQUE INDEX leak_finding_once ON leak_finding (repository_id, kind, commit_id, md5(path), line);
CREATE INDEX leak_finding_open ON leak_finding (kind) WHERE resolved_at IS NULL;
