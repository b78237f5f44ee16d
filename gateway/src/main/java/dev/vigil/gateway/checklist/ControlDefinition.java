package dev.vigil.gateway.checklist;

/**
 * One control of the admin security checklist, as defined in {@code vigil/controls.json}.
 *
 * @param id stable ID, e.g. {@code DB-03}
 * @param section the section it belongs to
 * @param title the control as the checklist words it
 * @param owner the service that evaluates it
 * @param kind {@code auto}, {@code attest} or {@code auto+attest}
 */
public record ControlDefinition(
    String id, String section, String title, String owner, String kind) {}
