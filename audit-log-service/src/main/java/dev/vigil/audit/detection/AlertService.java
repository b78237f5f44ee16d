package dev.vigil.audit.detection;

import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.security.SecurityAlertRaised;
import dev.vigil.common.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Raises alerts: stores them and publishes {@code dev.vigil.security.alert-raised.v1} through the
 * outbox, in the transaction that stored the triggering entry. A repeat of the same rule and
 * subject within the cool-down is counted on the open alert instead. A transaction-scoped lock per
 * rule and subject keeps replicas from raising the same alert twice.
 */
@ApplicationScoped
public class AlertService {

  private final DetectionConfig config;
  private final Outbox outbox;
  private final EventFactory events;
  private final VigilTopics topics;
  private final MeterRegistry registry;

  AlertService(
      DetectionConfig config,
      Outbox outbox,
      EventFactory events,
      VigilTopics topics,
      MeterRegistry registry) {
    this.config = config;
    this.outbox = outbox;
    this.events = events;
    this.topics = topics;
    this.registry = registry;
  }

  public Uni<Void> raise(Detection detection) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    String rule = detection.rule().id();
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                    .setParameter(1, rule + "|" + detection.subject())
                    .getSingleResult())
        .chain(
            () ->
                SecurityAlert.<SecurityAlert>find(
                        "rule = ?1 and subject = ?2 and raisedAt > ?3 order by raisedAt desc",
                        rule,
                        detection.subject(),
                        now.minus(config.cooldown()))
                    .<SecurityAlert>firstResult())
        .chain(
            recent -> recent != null ? suppress(recent, detection, now) : create(detection, now));
  }

  private Uni<Void> suppress(SecurityAlert recent, Detection detection, OffsetDateTime now) {
    recent.suppressed++;
    recent.lastSeenAt = now;
    recent.windowCount = Math.max(recent.windowCount, detection.count());
    registry.counter("vigil.audit.alerts.suppressed", "rule", detection.rule().id()).increment();
    return recent.persist().replaceWithVoid();
  }

  private Uni<Void> create(Detection detection, OffsetDateTime now) {
    SecurityAlert alert = new SecurityAlert();
    alert.alertId = UUID.randomUUID();
    alert.rule = detection.rule().id();
    alert.severity = detection.rule().severity().name();
    alert.subject = detection.subject();
    alert.raisedAt = now;
    alert.lastSeenAt = now;
    alert.windowCount = detection.count();
    alert.threshold = detection.threshold();
    alert.windowSeconds = detection.window().toSeconds();
    alert.triggerEventIds = String.join(",", detection.triggeringEventIds());
    alert.status = SecurityAlert.Status.OPEN.name();
    registry
        .counter("vigil.audit.alerts.raised", "rule", alert.rule, "severity", alert.severity)
        .increment();
    SecurityAlertRaised data =
        new SecurityAlertRaised(
            alert.alertId,
            alert.rule,
            detection.rule().severity(),
            alert.subject,
            now,
            detection.rule().control(),
            new SecurityAlertRaised.Window(alert.windowSeconds, alert.windowCount, alert.threshold),
            detection.triggeringEventIds());
    return alert
        .persist()
        .chain(() -> outbox.enqueue(topics.securityAlerts(), events.create(alert.subject, data)));
  }
}
