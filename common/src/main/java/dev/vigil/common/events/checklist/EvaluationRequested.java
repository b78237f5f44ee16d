package dev.vigil.common.events.checklist;

import dev.vigil.common.events.EventData;
import dev.vigil.common.security.Caller;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A command to every service: evaluate your controls now and report each result, changed or not, so
 * the checklist shows fresh evaluations (after an incident closes, or when an admin asks). Sent by
 * the gateway on {@code vigil.compliance-requests}; the event id is the request id. Key: the
 * request id.
 *
 * @param requestId the request, which consumers process once
 * @param reason why: {@code api} or {@code incident-closed:<incident id>}
 * @param requestedBy who asked
 * @param requestedAt when
 * @param controls when not empty, only these controls are reported even if unchanged
 * @param services when not empty, only these services (by application name) re-evaluate
 */
public record EvaluationRequested(
    String requestId,
    String reason,
    Requester requestedBy,
    OffsetDateTime requestedAt,
    List<String> controls,
    List<String> services)
    implements EventData {

  public static final String TYPE = "dev.vigil.checklist.evaluation-requested.v1";

  public EvaluationRequested {
    controls = controls == null ? List.of() : List.copyOf(controls);
    services = services == null ? List.of() : List.copyOf(services);
  }

  /**
   * The caller's Entra identity, never its token; a service acting on its own has only {@code azp}
   * (its application name).
   */
  public record Requester(String oid, String azp, String tid) {

    public static Requester of(Caller caller) {
      return new Requester(caller.oid(), caller.azp(), caller.tenant());
    }
  }

  /** Whether the named service should act on this request. */
  public boolean addresses(String service) {
    return services.isEmpty() || services.contains(service);
  }
}
