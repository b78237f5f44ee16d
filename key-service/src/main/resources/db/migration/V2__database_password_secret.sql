-- DB-01: where each environment's database password lives (read to check it, never stored).
ALTER TABLE key_environment ADD COLUMN database_secret VARCHAR(253);
ALTER TABLE key_environment ADD COLUMN database_secret_key VARCHAR(253);
