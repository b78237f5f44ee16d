package dev.vigil.backups.events;

/**
 * Fired (CDI) after a backup, verification, restore or pruning committed, so the controls are
 * evaluated at once instead of at their next interval, without the features calling each other.
 */
public record CatalogueChanged(String reason) {}
