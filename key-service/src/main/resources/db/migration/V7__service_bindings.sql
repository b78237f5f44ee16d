-- Which service principals may use an environment's transit keys and vault (issue 15, item 2).
-- A Vigil.Service token is only honoured for environments its (tenant, object id) is bound to.
CREATE TABLE key_service_binding (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    environment_id   BIGINT       NOT NULL REFERENCES key_environment (id),
    tenant_id        VARCHAR(64)  NOT NULL,
    object_id        VARCHAR(64)  NOT NULL,
    note             VARCHAR(256),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by_oid   VARCHAR(64),
    created_by_azp   VARCHAR(64),
    created_by_tid   VARCHAR(64),
    UNIQUE (environment_id, tenant_id, object_id)
);
