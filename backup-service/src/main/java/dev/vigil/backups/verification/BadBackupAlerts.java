package dev.vigil.backups.verification;

import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.security.SecurityAlertRaised;
import dev.vigil.common.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A stored backup that no longer verifies is a security alert ({@code alert-raised} on {@code
 * vigil.security-alerts}): tampering with the only copy of the data looks the same as bit rot, and
 * incidents open for it as for any alert. Needs the caller's transaction.
 */
@ApplicationScoped
public class BadBackupAlerts {

  static final String RULE = "backup-corrupted";

  private final Outbox outbox;
  private final EventFactory events;
  private final VigilTopics topics;

  BadBackupAlerts(Outbox outbox, EventFactory events, VigilTopics topics) {
    this.outbox = outbox;
    this.events = events;
    this.topics = topics;
  }

  public Uni<Void> raise(String target, UUID backupId, OffsetDateTime at) {
    String subject = "backup:" + target + "/" + backupId;
    SecurityAlertRaised alert =
        new SecurityAlertRaised(
            UUID.randomUUID(),
            RULE,
            SecurityAlertRaised.Severity.HIGH,
            subject,
            at,
            "BKV-01",
            new SecurityAlertRaised.Window(0, 1, 1),
            List.of(backupId.toString()));
    return outbox.enqueue(topics.securityAlerts(), events.create(subject, alert));
  }
}
