package dev.vigil.common.events.access;

import dev.vigil.common.events.EventData;
import java.util.List;

/**
 * IR-02: an operator contained one subject. Key: the subject.
 *
 * @param containmentId identifies this containment
 * @param source the source's name
 * @param subject the account id
 * @param incidentId the incident it belongs to, or null
 * @param results one per requested action
 * @param callerOid Entra object id of the operator
 * @param callerAzp the client application the operator used
 * @param callerTid the operator's tenant
 */
public record ContainmentExecuted(
    String containmentId,
    String source,
    String subject,
    String incidentId,
    List<ActionResult> results,
    String callerOid,
    String callerAzp,
    String callerTid)
    implements EventData {

  public static final String TYPE = "dev.vigil.access.containment-executed.v1";

  /**
   * @param action REVOKE_SESSIONS, DISABLE, REMOVE_ROLES or REVOKE_API_KEYS
   * @param outcome DONE, REQUESTED (left to the platform), NOT_APPLICABLE or FAILED
   * @param detail what was done or why it failed; never secrets
   */
  public record ActionResult(String action, String outcome, String detail) {}
}
