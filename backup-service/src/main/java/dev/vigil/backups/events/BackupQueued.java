package dev.vigil.backups.events;

/** Fired (CDI) after a backup was queued and committed, so a runner takes it at once. */
public record BackupQueued(java.util.UUID backupId) {}
