package dev.vigil.audit.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.audit.verify.Submitter;
import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.EventSchemas;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.audit.AuditEventRecorded;
import dev.vigil.common.http.Problem;
import dev.vigil.common.outbox.Outbox;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Accepts audit events over HTTP, for producers without Kafka. Valid events are written to the
 * outbox in one transaction and reach the log through the audit topic, exactly like events from
 * Kafka (same chain, same idempotency by id).
 */
@Path("/api/v1/audit/events")
@Tag(name = "Audit")
public class AuditIngestResource {

  static final int MAX_BATCH = 1000;

  /** An accepted event and the id it is stored under. */
  public record Accepted(int index, String id) {}

  /** A rejected event and every rule it broke. */
  public record Rejected(int index, List<String> violations) {}

  /** What happened to each event of a batch. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record IngestResult(List<Accepted> accepted, List<Rejected> rejected) {}

  private final EventSchemas schemas;
  private final EventFactory events;
  private final Outbox outbox;
  private final VigilTopics topics;
  private final SecurityIdentity identity;

  AuditIngestResource(
      EventSchemas schemas,
      EventFactory events,
      Outbox outbox,
      VigilTopics topics,
      SecurityIdentity identity) {
    this.schemas = schemas;
    this.events = events;
    this.outbox = outbox;
    this.topics = topics;
    this.identity = identity;
  }

  @POST
  @WithTransaction
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
  @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
  @Operation(
      summary = "Record up to 1,000 audit events",
      description =
          "Each element is the data of a dev.vigil.audit.event-recorded.v1 event, optionally with an"
              + " \"id\" (UUID) that makes retries idempotent. 202 when all were accepted; 400"
              + " problem+json listing every violation otherwise, with the valid ones still accepted."
              + " Whatever actor an event names, the entry also records the authenticated submitter"
              + " (oid, azp, tid) in its hash-covered source, shown as submittedBy.")
  public Uni<Response> ingest(JsonNode batch) {
    if (batch == null || !batch.isArray()) {
      return Uni.createFrom()
          .item(problem("the body must be a JSON array of audit events", List.of(), List.of()));
    }
    if (batch.size() == 0 || batch.size() > MAX_BATCH) {
      return Uni.createFrom()
          .item(
              problem(
                  "a batch holds 1 to " + MAX_BATCH + " events, this one " + batch.size(),
                  List.of(),
                  List.of()));
    }
    // The event may claim any actor; who really submitted it is recorded beside it, in the source
    // the entry hash covers.
    Caller caller = Caller.of(identity);
    String source = new Submitter(caller.oid(), caller.azp(), caller.tenant()).source();
    List<Accepted> accepted = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    Uni<Void> writes = Uni.createFrom().voidItem();
    for (int index = 0; index < batch.size(); index++) {
      JsonNode item = batch.get(index);
      List<String> violations = new ArrayList<>();
      String id =
          item.isObject() && item.hasNonNull("id")
              ? item.get("id").asText()
              : UUID.randomUUID().toString();
      if (!isUuid(id)) {
        violations.add("/id: must be a UUID");
      }
      JsonNode data = item.isObject() ? ((ObjectNode) item.deepCopy()).without("id") : item;
      violations.addAll(schemas.violations(AuditEventRecorded.TYPE, data));
      if (!violations.isEmpty()) {
        rejected.add(new Rejected(index, violations));
        continue;
      }
      accepted.add(new Accepted(index, id));
      String subject = data.path("actor").path("id").asText();
      writes =
          writes.chain(
              () ->
                  outbox.enqueue(
                      topics.audit(),
                      submittedBy(
                          source, events.relay(id, subject, AuditEventRecorded.class, data))));
    }
    return writes.map(
        ignored ->
            rejected.isEmpty()
                ? Response.accepted(new IngestResult(accepted, List.of())).build()
                : problem(
                    rejected.size()
                        + " of "
                        + batch.size()
                        + " events were rejected; the others were accepted",
                    accepted,
                    rejected));
  }

  private static CloudEvent submittedBy(String source, CloudEvent event) {
    return new CloudEvent(
        event.id(),
        source,
        event.type(),
        event.subject(),
        event.time(),
        event.dataSchema(),
        event.data());
  }

  private static Response problem(String detail, List<Accepted> accepted, List<Rejected> rejected) {
    List<String> errors = new ArrayList<>();
    rejected.forEach(r -> r.violations().forEach(v -> errors.add("[" + r.index() + "]" + v)));
    return Response.status(Response.Status.BAD_REQUEST)
        .type(Problem.MEDIA_TYPE)
        .entity(
            new IngestProblem(
                Problem.of(
                        Response.Status.BAD_REQUEST,
                        "invalid-audit-events",
                        detail,
                        "/api/v1/audit/events")
                    .withErrors(errors),
                accepted,
                rejected))
        .build();
  }

  private static boolean isUuid(String id) {
    try {
      UUID.fromString(id);
      return id.length() == 36;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** RFC 9457 problem details with the per-event outcome as extension members. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IngestProblem(
      @com.fasterxml.jackson.annotation.JsonUnwrapped Problem problem,
      List<Accepted> accepted,
      List<Rejected> rejected) {}
}
