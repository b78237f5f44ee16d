-- Last platform sign-in of each member and last use of each API key, from vigil.audit events. Kept
-- apart from snapshots so that a later pushed snapshot with older times cannot move activity back.
CREATE TABLE access_activity (
    kind        VARCHAR(16)  NOT NULL CHECK (kind IN ('SIGN_IN', 'API_KEY')),
    subject_id  VARCHAR(255) NOT NULL,
    last_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (kind, subject_id)
);
