package dev.vigil.backups.restore;

/** Fired (CDI) after a restore was queued and committed, so a runner takes it at once. */
public record RestoreQueued(java.util.UUID restoreId) {}
