package dev.vigil.common.compliance;

import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.checklist.EvaluationRequested;
import dev.vigil.common.inbox.EventInbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Every service's consumer of {@code evaluation-requested} (channel {@value #CHANNEL}, configured
 * once in vigil-common with the dead-letter topic {@code vigil.dlq.<service>.evaluation-requests}).
 * A request id is processed once per service; the service's consumer group hands each request to
 * one replica. In one transaction it makes the requested controls due and runs the service's {@link
 * RequestedEvaluation}s, so each result is reported with a fresh evaluatedAt and validUntil even
 * when unchanged. A request naming other services only is marked processed and skipped.
 */
@ApplicationScoped
public class EvaluationRequests {

  public static final String CHANNEL = "evaluation-requests";

  private static final Logger LOG = Logger.getLogger(EvaluationRequests.class);

  private final EventInbox inbox;
  private final ComplianceReporter reporter;
  private final Instance<RequestedEvaluation> evaluations;
  private final String service;

  EvaluationRequests(
      EventInbox inbox,
      ComplianceReporter reporter,
      Instance<RequestedEvaluation> evaluations,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    this.inbox = inbox;
    this.reporter = reporter;
    this.evaluations = evaluations;
    this.service = service;
  }

  @Incoming(CHANNEL)
  Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    AtomicReference<EvaluationRequested> applied = new AtomicReference<>();
    List<RequestedEvaluation> all = evaluations.stream().toList();
    return inbox
        .receive(
            service + "/" + CHANNEL,
            record,
            Set.of(EvaluationRequested.TYPE),
            event -> event.data().path("requestId").asText(),
            event -> apply(event, all, applied))
        .invoke(
            () -> {
              if (applied.get() != null) {
                all.forEach(e -> e.afterCommit(applied.get()));
              }
            });
  }

  private Uni<Void> apply(
      CloudEvent event,
      List<RequestedEvaluation> all,
      AtomicReference<EvaluationRequested> applied) {
    EvaluationRequested request = event.dataAs(EvaluationRequested.class);
    if (!request.addresses(service)) {
      return Uni.createFrom().voidItem();
    }
    applied.set(request);
    return reporter
        .makeDue(request.controls())
        .chain(
            () ->
                Multi.createFrom()
                    .iterable(all)
                    .onItem()
                    .transformToUniAndConcatenate(e -> e.reevaluate(request))
                    .collect()
                    .last())
        .invoke(
            () ->
                LOG.infof(
                    "Ran %d control evaluators for request %s (%s)",
                    all.size(), request.requestId(), request.reason()));
  }
}
