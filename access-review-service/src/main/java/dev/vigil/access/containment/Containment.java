package dev.vigil.access.containment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.access.snapshot.ApiKey;
import dev.vigil.access.snapshot.SnapshotStore;
import dev.vigil.access.snapshot.Source;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.access.snapshot.SourceSnapshot;
import dev.vigil.access.sources.graph.EntraActions;
import dev.vigil.access.sources.scim.ScimClient;
import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.access.ContainmentExecuted;
import dev.vigil.common.events.access.ContainmentExecuted.ActionResult;
import dev.vigil.common.events.access.RevocationRequested;
import dev.vigil.common.jobs.Workers;
import dev.vigil.common.outbox.Outbox;
import dev.vigil.common.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * IR-02 Contain for one subject. Entra ID actions run through Graph and report DONE or FAILED each.
 * On the platform, DISABLE runs through SCIM ({@code active=false}) when the source has a SCIM base
 * URL and token; the other actions (and DISABLE without SCIM) are requested by event (REQUESTED)
 * for the platform to carry out. The record, the requests and the containment-executed event commit
 * together.
 */
@ApplicationScoped
public class Containment {

  /** The actions, in the order they run: cut sessions first, then the ways back in. */
  public static final List<String> ACTIONS =
      List.of("REVOKE_SESSIONS", "DISABLE", "REMOVE_ROLES", "REVOKE_API_KEYS");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EntraActions entra;
  private final ScimClient scim;
  private final SnapshotStore store;
  private final EventFactory events;
  private final Outbox outbox;
  private final VigilTopics topics;
  private final AuditTrail audit;

  Containment(
      EntraActions entra,
      ScimClient scim,
      SnapshotStore store,
      EventFactory events,
      Outbox outbox,
      VigilTopics topics,
      AuditTrail audit) {
    this.entra = entra;
    this.scim = scim;
    this.store = store;
    this.events = events;
    this.outbox = outbox;
    this.topics = topics;
    this.audit = audit;
  }

  /** Carries out the actions and records them. Call outside a transaction. */
  public Uni<ContainmentExecuted> execute(
      long sourceId, String subject, List<String> actions, String incidentId, Caller caller) {
    UUID id = UUID.randomUUID();
    return Panache.withSession(
            () ->
                Source.byId(sourceId).chain(s -> store.current(s).map(snap -> new Target(s, snap))))
        .chain(
            target ->
                target.source().kind == SourceKind.ENTRA
                    ? Workers.offload(() -> inEntra(subject, actions))
                        .map(results -> new Outcome(target, results, List.of()))
                    : Workers.offload(() -> onPlatform(target, subject, actions, id)))
        .chain(outcome -> record(id, outcome, subject, incidentId, caller));
  }

  private record Target(Source source, SourceSnapshot snapshot) {}

  /** Results, and the platform requests to publish with them. */
  private record Outcome(
      Target target, List<ActionResult> results, List<RevocationRequested> requests) {}

  private List<ActionResult> inEntra(String subject, List<String> actions) {
    List<ActionResult> results = new ArrayList<>();
    for (String action : ordered(actions)) {
      results.add(
          switch (action) {
            case "REVOKE_SESSIONS" -> attempt(action, () -> entra.revokeSessions(subject));
            case "DISABLE" -> attempt(action, () -> entra.disable(subject));
            case "REMOVE_ROLES" -> attempt(action, () -> entra.removeRoles(subject));
            default ->
                new ActionResult(
                    action, "NOT_APPLICABLE", "Entra ID accounts hold no platform API keys");
          });
    }
    return results;
  }

  private static ActionResult attempt(String action, Supplier<String> work) {
    try {
      return new ActionResult(action, "DONE", work.get());
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new ActionResult(
          action, "FAILED", reason.length() > 512 ? reason.substring(0, 512) : reason);
    }
  }

  private Outcome onPlatform(Target target, String subject, List<String> actions, UUID id) {
    List<ActionResult> results = new ArrayList<>();
    List<RevocationRequested> requests = new ArrayList<>();
    String reason = "containment:" + id;
    String scimBase = target.source().scimBaseUrl;
    List<String> requested = new ArrayList<>();
    for (String action : ordered(actions)) {
      if ("DISABLE".equals(action) && scim.available(scimBase)) {
        results.add(
            scim.deactivate(scimBase, subject)
                .map(error -> new ActionResult(action, "FAILED", error))
                .orElseGet(() -> new ActionResult(action, "DONE", "SCIM active=false")));
      } else if (!"REVOKE_API_KEYS".equals(action)) {
        requested.add(action);
        results.add(new ActionResult(action, "REQUESTED", "requested from the platform"));
      }
    }
    if (!requested.isEmpty()) {
      requests.add(
          new RevocationRequested(
              request(id, subject), target.source().name, "ACCOUNT", subject, requested, reason));
    }
    if (actions.contains("REVOKE_API_KEYS")) {
      List<ApiKey> keys =
          target.snapshot() == null
              ? List.of()
              : target.snapshot().apiKeys().stream()
                  .filter(k -> k.active() && subject.equals(k.ownerId()))
                  .toList();
      for (ApiKey key : keys) {
        requests.add(
            new RevocationRequested(
                request(id, key.id()),
                target.source().name,
                "API_KEY",
                key.id(),
                List.of("REVOKE_API_KEY"),
                reason));
      }
      results.add(
          keys.isEmpty()
              ? new ActionResult(
                  "REVOKE_API_KEYS", "NOT_APPLICABLE", "no active API key in the current snapshot")
              : new ActionResult(
                  "REVOKE_API_KEYS",
                  "REQUESTED",
                  keys.size()
                      + " keys requested: "
                      + String.join(", ", keys.stream().map(ApiKey::id).toList())));
    }
    return new Outcome(target, results, requests);
  }

  private Uni<ContainmentExecuted> record(
      UUID id, Outcome outcome, String subject, String incidentId, Caller caller) {
    ContainmentExecuted executed =
        new ContainmentExecuted(
            id.toString(),
            outcome.target().source().name,
            subject,
            incidentId,
            outcome.results(),
            caller.oid(),
            caller.azp(),
            caller.tenant());
    ContainmentRecord record = new ContainmentRecord();
    record.id = id;
    record.sourceId = outcome.target().source().id;
    record.sourceName = outcome.target().source().name;
    record.subject = subject;
    record.incidentId = incidentId;
    record.results = json(outcome.results());
    record.callerOid = caller.oid();
    record.callerAzp = caller.azp();
    record.callerTid = caller.tenant();
    record.executedAt = OffsetDateTime.now(ZoneOffset.UTC);
    return Panache.withTransaction(
        () ->
            record
                .persist()
                .chain(
                    () ->
                        Multi.createFrom()
                            .iterable(outcome.requests())
                            .onItem()
                            .transformToUniAndConcatenate(
                                r ->
                                    outbox.enqueue(
                                        topics.access(),
                                        events.createWithId(r.requestId(), r.subject(), r)))
                            .collect()
                            .asList())
                .chain(() -> outbox.enqueue(topics.access(), events.create(subject, executed)))
                .call(
                    () ->
                        audit.record(
                            caller,
                            "access.containment.executed",
                            AuditTrail.target(
                                "access-subject", subject, record.sourceName + "/" + subject),
                            details(record, outcome.results())))
                .replaceWith(executed));
  }

  private static java.util.Map<String, Object> details(
      ContainmentRecord record, List<ActionResult> results) {
    java.util.Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("containmentId", record.id.toString());
    details.put("incidentId", record.incidentId);
    details.put("results", results.stream().map(r -> r.action() + ":" + r.outcome()).toList());
    return details;
  }

  private static List<String> ordered(List<String> actions) {
    return ACTIONS.stream().filter(actions::contains).toList();
  }

  private static String request(UUID containment, String subject) {
    return UUID.nameUUIDFromBytes(
            ("containment:" + containment + ":" + subject)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store containment results", e);
    }
  }
}
