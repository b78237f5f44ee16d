-- The platform side of AUTH-04 from access-review-service: the newest observation of the
-- platform's enterprise application per tenant (a late or older event never replaces it).
CREATE TABLE platform_app_observation (
    tenant_id    VARCHAR(64)  PRIMARY KEY,
    observed_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    observation  TEXT         NOT NULL,
    event_id     VARCHAR(128) NOT NULL,
    received_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
