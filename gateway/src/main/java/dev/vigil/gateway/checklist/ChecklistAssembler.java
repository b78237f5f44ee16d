package dev.vigil.gateway.checklist;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.attestations.Attestation;
import dev.vigil.gateway.attestations.AttestationView;
import dev.vigil.gateway.attestations.ExceptionView;
import dev.vigil.gateway.attestations.RiskException;
import dev.vigil.gateway.catalogue.ControlCatalogue;
import dev.vigil.gateway.catalogue.ControlDefinition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Builds the checklist from evaluations, attestations and exceptions: live from the latest state,
 * or as it stood at a point in time from the history. Call inside a session.
 */
@ApplicationScoped
public class ChecklistAssembler {

  private final ControlCatalogue catalogue;

  ChecklistAssembler(ControlCatalogue catalogue) {
    this.catalogue = catalogue;
  }

  public Uni<ChecklistView> live(Predicate<ControlDefinition> filter) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return ControlState.<ControlState>listAll()
        .map(states -> states.stream().map(Evaluation::of).toList())
        .chain(evaluations -> assembleAt(evaluations, now, now, filter));
  }

  /** The checklist as it stood at {@code at}: only evaluations evaluated and received by then. */
  public Uni<ChecklistView> at(OffsetDateTime at, Predicate<ControlDefinition> filter) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return ControlHistoryEntry.<ControlHistoryEntry>list(
            "from ControlHistoryEntry h where h.evaluatedAt <= ?1 and h.receivedAt <= ?1 and not"
                + " exists (select 1 from ControlHistoryEntry n where n.controlId = h.controlId"
                + " and n.evaluatedAt <= ?1 and n.receivedAt <= ?1 and n.evaluatedAt >"
                + " h.evaluatedAt)",
            at)
        .map(entries -> entries.stream().map(ControlHistoryEntry::toEvaluation).toList())
        .chain(evaluations -> assembleAt(evaluations, at, now, filter));
  }

  private Uni<ChecklistView> assembleAt(
      List<Evaluation> evaluations,
      OffsetDateTime at,
      OffsetDateTime generatedAt,
      Predicate<ControlDefinition> filter) {
    return Attestation.<Attestation>list("attestedAt <= ?1 and expiresAt > ?1", at)
        .chain(
            attestations ->
                RiskException.<RiskException>list("acceptedAt <= ?1 and expiresAt > ?1", at)
                    .map(
                        exceptions ->
                            assemble(
                                evaluations,
                                attestations.stream().filter(a -> a.activeAt(at)).toList(),
                                exceptions.stream().filter(e -> e.activeAt(at)).toList(),
                                at,
                                generatedAt,
                                filter)));
  }

  ChecklistView assemble(
      List<Evaluation> evaluations,
      List<Attestation> attestations,
      List<RiskException> exceptions,
      OffsetDateTime at,
      OffsetDateTime generatedAt,
      Predicate<ControlDefinition> filter) {
    Map<String, Evaluation> evaluationById =
        evaluations.stream()
            .collect(
                Collectors.toMap(
                    Evaluation::controlId,
                    Function.identity(),
                    BinaryOperator.maxBy(Comparator.comparing(Evaluation::evaluatedAt))));
    Map<String, Attestation> attestationById =
        attestations.stream()
            .collect(
                Collectors.toMap(
                    a -> a.controlId,
                    Function.identity(),
                    BinaryOperator.maxBy(Comparator.comparing(a -> a.attestedAt))));
    Map<String, RiskException> exceptionById =
        exceptions.stream()
            .collect(
                Collectors.toMap(
                    e -> e.controlId,
                    Function.identity(),
                    BinaryOperator.maxBy(Comparator.comparing(e -> e.acceptedAt))));
    List<ChecklistView.ControlView> controls =
        catalogue.controls().stream()
            .filter(filter)
            .map(
                c ->
                    view(
                        c,
                        evaluationById.get(c.id()),
                        attestationById.get(c.id()),
                        exceptionById.get(c.id()),
                        at))
            .toList();
    return new ChecklistView(generatedAt, at, summary(controls), catalogue.sections(), controls);
  }

  private static ChecklistView.ControlView view(
      ControlDefinition control,
      Evaluation evaluation,
      Attestation attestation,
      RiskException exception,
      OffsetDateTime at) {
    ControlStatusResolver.Resolution resolution =
        ControlStatusResolver.resolve(control, evaluation, attestation, at);
    boolean attestable = control.attestable();
    return new ChecklistView.ControlView(
        control.id(),
        control.section(),
        control.title(),
        control.owner(),
        control.kind(),
        resolution.status(),
        control.automated() ? resolution.automatedStatus() : null,
        resolution.stale(),
        evaluation == null ? null : evaluation.evaluatedAt(),
        evaluation == null ? null : evaluation.validUntil(),
        evaluation == null ? null : evaluation.evaluatedBy(),
        evaluation == null ? null : evaluation.evidence(),
        attestable ? resolution.attestationNeeded() : null,
        attestable && attestation != null ? AttestationView.of(attestation) : null,
        exception == null ? null : ExceptionView.of(exception));
  }

  private static Map<String, Object> summary(List<ChecklistView.ControlView> controls) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("total", controls.size());
    Map<ControlStatus, Long> byStatus =
        controls.stream()
            .collect(
                Collectors.groupingBy(ChecklistView.ControlView::status, Collectors.counting()));
    Arrays.stream(ControlStatus.values())
        .forEach(
            status -> summary.put(status.name(), byStatus.getOrDefault(status, 0L).intValue()));
    summary.put("underException", controls.stream().filter(c -> c.exception() != null).count());
    summary.put(
        "attestationNeeded",
        controls.stream().filter(c -> Boolean.TRUE.equals(c.attestationNeeded())).count());
    long passing =
        byStatus.getOrDefault(ControlStatus.PASS, 0L)
            + byStatus.getOrDefault(ControlStatus.ATTESTED, 0L);
    summary.put(
        "score",
        controls.isEmpty()
            ? BigDecimal.ZERO
            : BigDecimal.valueOf(passing * 100)
                .divide(BigDecimal.valueOf(controls.size()), 1, RoundingMode.HALF_UP));
    return summary;
  }
}
