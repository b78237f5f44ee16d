-- Restores report how far they got (bytes decrypted) like backups, through the same heartbeat.
ALTER TABLE restore_run ADD COLUMN bytes_done BIGINT NOT NULL DEFAULT 0;
