-- IR-04: incident records linking alerts, audit ranges, actions and exports, closed with a review.
CREATE TABLE incident (
    id                 UUID         PRIMARY KEY,
    title              VARCHAR(200) NOT NULL,
    severity           VARCHAR(16)  NOT NULL,
    description        TEXT,
    status             VARCHAR(16)  NOT NULL,
    opened_by          VARCHAR(128) NOT NULL,
    opened_by_name     VARCHAR(256),
    opened_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    closed_by          VARCHAR(128),
    closed_at          TIMESTAMP(6) WITH TIME ZONE,
    review_note        TEXT,
    checklist_at_close TEXT
);
CREATE INDEX incident_by_status ON incident (status, opened_at DESC);

CREATE TABLE incident_link (
    id           UUID         PRIMARY KEY,
    incident_id  UUID         NOT NULL REFERENCES incident (id),
    kind         VARCHAR(16)  NOT NULL,
    reference    VARCHAR(512) NOT NULL,
    note         TEXT,
    range_from   TIMESTAMP(6) WITH TIME ZONE,
    range_to     TIMESTAMP(6) WITH TIME ZONE,
    added_by     VARCHAR(128) NOT NULL,
    added_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX incident_link_by_incident ON incident_link (incident_id, added_at);
