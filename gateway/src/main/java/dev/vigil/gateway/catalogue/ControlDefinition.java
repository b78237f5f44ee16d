package dev.vigil.gateway.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One control of the admin security checklist, as defined in {@code vigil/controls.json}.
 *
 * @param id stable ID, e.g. {@code DB-03}
 * @param section the section it belongs to
 * @param title the control as the checklist words it
 * @param owner the service that evaluates it
 * @param kind {@code auto}, {@code attest} or {@code auto+attest}
 * @param attestationDays how long an attestation counts at most (90 for items a person confirms
 *     every quarter, 365 for yearly ones); absent for {@code auto} controls
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlDefinition(
    String id, String section, String title, String owner, String kind, Integer attestationDays) {

  public boolean attestable() {
    return kind.contains("attest");
  }

  public boolean automated() {
    return kind.startsWith("auto");
  }
}
