package dev.vigil.common.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.outbox.Outbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/**
 * Emits control evaluations through this service's outbox, keyed by control ID so each control's
 * evaluations stay ordered. Call it inside the transaction that changed the evaluated state.
 */
@ApplicationScoped
public class ComplianceReporter {

  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final EventFactory events;
  private final Outbox outbox;
  private final VigilTopics topics;

  ComplianceReporter(EventFactory events, Outbox outbox, VigilTopics topics) {
    this.events = events;
    this.outbox = outbox;
    this.topics = topics;
  }

  /** Emits the evaluation unconditionally. */
  public Uni<Void> report(ControlEvaluation evaluation) {
    return ReportedControl.<ReportedControl>findById(evaluation.controlId())
        .chain(
            previous -> {
              ReportedControl state = previous != null ? previous : new ReportedControl();
              state.controlId = evaluation.controlId();
              state.status = evaluation.status().name();
              state.evidenceDigest = digest(evaluation);
              state.reportedAt = evaluation.evaluatedAt();
              state.validUntil = evaluation.validUntil();
              return state.<ReportedControl>persist();
            })
        .chain(
            () ->
                outbox.enqueue(
                    topics.compliance(), events.create(evaluation.controlId(), evaluation)));
  }

  /**
   * Emits the evaluation only when its status or evidence facts changed since the last report, or
   * the last report has used half of its validity. Scheduled evaluators call this every run.
   *
   * @return whether an event was emitted
   */
  public Uni<Boolean> reportIfChanged(ControlEvaluation evaluation) {
    return ReportedControl.<ReportedControl>findById(evaluation.controlId())
        .chain(
            previous -> {
              if (previous != null && !due(previous, evaluation)) {
                return Uni.createFrom().item(false);
              }
              return report(evaluation).replaceWith(true);
            });
  }

  /**
   * Makes the controls this service last reported due again, so the evaluators' next {@link
   * #reportIfChanged} sends them even when nothing changed: an evaluation someone asked for must
   * refresh evaluatedAt and validUntil on the checklist. Only the stored digest is cleared; status
   * and times stay as reported. Needs the caller's transaction.
   *
   * @param controls the controls to refresh; empty for all of them
   * @return how many were made due
   */
  public Uni<Integer> makeDue(List<String> controls) {
    return controls.isEmpty()
        ? ReportedControl.update("evidenceDigest = ''")
        : ReportedControl.update("evidenceDigest = '' where controlId in ?1", controls);
  }

  /** {@link #reportIfChanged} for each evaluation, one after the other. */
  public Uni<Void> reportAllIfChanged(List<ControlEvaluation> evaluations) {
    return Multi.createFrom()
        .iterable(evaluations)
        .onItem()
        .transformToUniAndConcatenate(this::reportIfChanged)
        .collect()
        .last()
        .replaceWithVoid();
  }

  private static boolean due(ReportedControl previous, ControlEvaluation evaluation) {
    if (!previous.status.equals(evaluation.status().name())
        || !previous.evidenceDigest.equals(digest(evaluation))) {
      return true;
    }
    Duration validity = Duration.between(previous.reportedAt, previous.validUntil);
    OffsetDateTime refreshAt = previous.reportedAt.plus(validity.dividedBy(2));
    return !OffsetDateTime.now(ZoneOffset.UTC).isBefore(refreshAt);
  }

  private static String digest(ControlEvaluation evaluation) {
    try {
      byte[] canonical =
          CANONICAL.writeValueAsBytes(
              new Object[] {
                evaluation.status().name(),
                evaluation.evidence().facts(),
                evaluation.evidence().references()
              });
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot digest evidence", e);
    }
  }
}
