-- What the last reading of each environment's Secret found: which slots exist, or why it failed,
-- so a slot or Secret deleted since shows as missing rather than as its last recorded version.
ALTER TABLE key_environment ADD COLUMN observed_slots TEXT;
ALTER TABLE key_environment ADD COLUMN observed_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE key_environment ADD COLUMN observation_error VARCHAR(128);
-- Secret data keys may have up to 253 characters.
ALTER TABLE key_slot_version ALTER COLUMN slot TYPE VARCHAR(253);
