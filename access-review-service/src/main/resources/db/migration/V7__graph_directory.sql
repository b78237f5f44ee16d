-- The users of an ENTRA source's directory as Graph last reported them (a full read, then delta
-- changes). A sync streams Graph pages into it and builds the new snapshot from it in SQL, so the
-- service never holds the directory in memory. Written only inside the sync's transaction: a failed
-- sync rolls it back with the snapshot.
CREATE TABLE access_directory_user (
    source_id        BIGINT       NOT NULL REFERENCES access_source (id) ON DELETE CASCADE,
    id               VARCHAR(255) NOT NULL,
    display_name     VARCHAR(255),
    user_type        VARCHAR(32),
    enabled          BOOLEAN      NOT NULL,
    created_at       TIMESTAMPTZ,
    -- Null with sign_in_known: never signed in. Null without it: unknown.
    last_sign_in_at  TIMESTAMPTZ,
    sign_in_known    BOOLEAN      NOT NULL,
    manager_id       VARCHAR(255),
    PRIMARY KEY (source_id, id)
);

-- Where the next users/delta read of an ENTRA source starts. The delta link is Graph's state
-- token, not a credential; it is never returned by the API.
CREATE TABLE access_graph_delta (
    source_id                  BIGINT      PRIMARY KEY REFERENCES access_source (id) ON DELETE CASCADE,
    delta_link                 TEXT,
    full_sync_at               TIMESTAMPTZ NOT NULL,
    sign_in_activity_available BOOLEAN     NOT NULL
);
