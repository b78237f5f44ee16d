package dev.vigil.gateway.incidents;

import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.security.SecurityAlertRaised;
import dev.vigil.common.inbox.EventInbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Opens incidents from the detectors' alerts: an alert at or above the configured severity opens an
 * incident for its subject (an account, a source address, a device), or joins the one already open
 * for that subject, so a burst of alerts on one attacker becomes one incident to review. Alerts are
 * keyed by subject, so one subject's alerts arrive in order on one partition. Should two replicas
 * still both open one (during a rebalance), the unique index on open incidents per subject refuses
 * the second, and the inbox's retry then joins the first.
 */
@ApplicationScoped
public class AlertIncidentConsumer {

  static final String CHANNEL = "security-alerts";
  static final String OPENED_BY = "vigil:alerts";
  private static final int TITLE_LIMIT = 200;
  private static final int DESCRIPTION_LIMIT = 2000;
  private static final int LISTED_ENTRIES = 10;

  private final EventInbox inbox;
  private final IncidentsConfig config;

  AlertIncidentConsumer(EventInbox inbox, IncidentsConfig config) {
    this.inbox = inbox;
    this.config = config;
  }

  @Incoming(CHANNEL)
  Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    return inbox.receive(
        "gateway/" + CHANNEL, record, Set.of(SecurityAlertRaised.TYPE), this::apply);
  }

  private Uni<Void> apply(CloudEvent event) {
    SecurityAlertRaised alert = event.dataAs(SecurityAlertRaised.class);
    IncidentsConfig.FromAlerts fromAlerts = config.fromAlerts();
    if (!fromAlerts.enabled() || severity(alert).compareTo(fromAlerts.minSeverity()) < 0) {
      return Uni.createFrom().voidItem();
    }
    return Incident.<Incident>find(
            "alertSubject = ?1 and status = ?2", alert.subject(), Incident.Status.OPEN)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult()
        .chain(open -> open != null ? join(open, alert) : open(alert))
        .replaceWithVoid();
  }

  private static Uni<IncidentLink> open(SecurityAlertRaised alert) {
    Incident incident = new Incident();
    incident.id = UUID.randomUUID();
    incident.title =
        limit("Security alert: " + alert.rule() + " on " + alert.subject(), TITLE_LIMIT);
    incident.severity = severity(alert);
    incident.description = limit(description(alert), DESCRIPTION_LIMIT);
    incident.status = Incident.Status.OPEN;
    incident.openedFrom = Incident.Origin.ALERT;
    incident.alertSubject = alert.subject();
    incident.openedBy = OPENED_BY;
    incident.openedByName = "Vigil, from a " + alert.control() + " detector alert";
    incident.openedAt = Incident.now();
    return incident.<Incident>persist().chain(saved -> link(saved, alert));
  }

  private static Uni<IncidentLink> join(Incident incident, SecurityAlertRaised alert) {
    if (severity(alert).compareTo(incident.severity) > 0) {
      incident.severity = severity(alert);
    }
    return link(incident, alert);
  }

  private static Uni<IncidentLink> link(Incident incident, SecurityAlertRaised alert) {
    IncidentLink link = new IncidentLink();
    link.id = UUID.randomUUID();
    link.incidentId = incident.id;
    link.kind = IncidentLink.Kind.ALERT;
    link.reference = alert.alertId().toString();
    link.note = limit(alert.severity() + " " + describe(alert), DESCRIPTION_LIMIT);
    link.addedBy = OPENED_BY;
    link.addedAt = Incident.now();
    return link.persist();
  }

  private static String description(SecurityAlertRaised alert) {
    StringBuilder text =
        new StringBuilder("Opened from alert ")
            .append(alert.alertId())
            .append(": ")
            .append(describe(alert))
            .append('.');
    List<String> entries = alert.triggeringEventIds();
    if (!entries.isEmpty()) {
      text.append(" Triggering audit entries (newest first): ")
          .append(String.join(", ", entries.stream().limit(LISTED_ENTRIES).toList()))
          .append(entries.size() > LISTED_ENTRIES ? ", …" : "")
          .append('.');
    }
    return text.toString();
  }

  private static Incident.Severity severity(SecurityAlertRaised alert) {
    return Incident.Severity.valueOf(alert.severity().name());
  }

  /** e.g. {@code brute-force (MON-02): 12 events against a threshold of 10 in 300 s}. */
  private static String describe(SecurityAlertRaised alert) {
    SecurityAlertRaised.Window window = alert.window();
    String within = window.seconds() > 0 ? " in " + window.seconds() + " s" : " in a row";
    return alert.rule()
        + " ("
        + alert.control()
        + "): "
        + window.count()
        + " events against a threshold of "
        + window.threshold()
        + within
        + ", raised "
        + alert.raisedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static String limit(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length - 1) + "…";
  }
}
