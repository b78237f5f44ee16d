-- PLATFORM sources: the platform's SCIM 2.0 base URL, used to disable revoked accounts
-- (PATCH active=false). Null: revocations are only requested by event.
ALTER TABLE access_source ADD COLUMN scim_base_url VARCHAR(512);
