package dev.vigil.gateway.catalogue;

/**
 * A section of the checklist.
 *
 * @param id stable ID, e.g. {@code encryption-keys}
 * @param title heading as the checklist words it
 * @param phase {@code before-go-live} or {@code ongoing}
 */
public record SectionDefinition(String id, String title, String phase) {}
