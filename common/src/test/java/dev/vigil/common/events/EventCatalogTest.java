package dev.vigil.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.compliance.Evidence;
import dev.vigil.common.events.access.CampaignClosed;
import dev.vigil.common.events.access.CampaignStarted;
import dev.vigil.common.events.access.ContainmentExecuted;
import dev.vigil.common.events.access.DecisionRecorded;
import dev.vigil.common.events.access.PlatformAppObserved;
import dev.vigil.common.events.access.ReviewReminder;
import dev.vigil.common.events.access.RevocationApplied;
import dev.vigil.common.events.access.RevocationRequested;
import dev.vigil.common.events.audit.AuditEventRecorded;
import dev.vigil.common.events.audit.AuditEventRecorded.Actor;
import dev.vigil.common.events.audit.AuditEventRecorded.Target;
import dev.vigil.common.events.audit.CheckpointSigned;
import dev.vigil.common.events.backups.BackupCompleted;
import dev.vigil.common.events.backups.BackupFailed;
import dev.vigil.common.events.backups.BackupPruned;
import dev.vigil.common.events.backups.BackupVerified;
import dev.vigil.common.events.backups.RestoreCompleted;
import dev.vigil.common.events.backups.RestoreProgressed;
import dev.vigil.common.events.backups.RestoreTested;
import dev.vigil.common.events.checklist.EvaluationRequested;
import dev.vigil.common.events.keys.KeyBackupRecorded;
import dev.vigil.common.events.keys.KeyVersionChanged;
import dev.vigil.common.events.keys.LeakFound;
import dev.vigil.common.events.keys.ReencryptionProgressed;
import dev.vigil.common.events.keys.ServiceBindingChanged;
import dev.vigil.common.events.security.SecurityAlertRaised;
import dev.vigil.common.events.security.SecurityAlertRaised.Severity;
import dev.vigil.common.events.security.SecurityAlertRaised.Window;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue, the records and the published schemas in {@code docs/events} agree. */
class EventCatalogTest {

  private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-29T10:15:00.123456Z");
  private static final UUID BACKUP = UUID.fromString("7f3c2b1a-0e9d-4c8b-a7f6-e5d4c3b2a190");
  private static final UUID RESTORE = UUID.fromString("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
  private static final String SCHEMAS = "vigil/events";
  private static final String SUFFIX = ".schema.json";

  private final EventSchemas schemas = new EventSchemas();

  /** Realistic data of every type: every field set, and with only the required ones. */
  static Stream<EventData> samples() {
    return Stream.of(
        new ControlEvaluation(
            "DB-03",
            ControlStatus.PASS,
            AT,
            AT.plusHours(6),
            "backup-service",
            new Evidence(
                "The newest backup is 42 minutes old.",
                Map.of("lastBackupAgeMinutes", 42),
                List.of("backup/7f3c"))),
        new EvaluationRequested(
            "5b0e8d3c-2f1a-4c7e-9d6b-8a4f3e2d1c0b",
            "incident-closed:9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
            new EvaluationRequested.Requester(
                "0b7e6c1a-5a7e-4c59-9d8e-2f1c9a4b6d10",
                "0d3b6f4e-2c1a-4b7e-9f00-5a6c7d8e9f10",
                "8f5c2a8e-4f0e-4c3e-9a43-6a1c1d0b7e21"),
            AT,
            List.of("KEY-01", "DB-03"),
            List.of("key-service")),
        new EvaluationRequested(
            "5b0e8d3c-2f1a-4c7e-9d6b-8a4f3e2d1c0c",
            "api",
            new EvaluationRequested.Requester(null, "gateway", null),
            AT,
            null,
            null),
        new AuditEventRecorded(
            OffsetDateTime.parse("2026-11-29T11:15:00+01:00"),
            new Actor("0b7e6c1a-5a7e-4c59-9d8e-2f1c9a4b6d10", "user", "Alice Example"),
            "auth.signin.failed",
            new Target("application", "tenant-portal", "Tenant portal"),
            "failure",
            "203.0.113.7",
            "curl/8.5.0",
            "9f8e7d6c-0000-4000-8000-000000000001",
            "c-1",
            EventJson.MAPPER.createObjectNode().put("method", "password").put("status", 401)),
        new AuditEventRecorded(
            AT,
            new Actor("anonymous", "anonymous", null),
            "api.auth.rejected",
            null,
            "denied",
            null,
            null,
            null,
            null,
            null),
        new CheckpointSigned(
            "p0",
            1042,
            "a".repeat(64),
            "2026-11-29T10:15:00.123456Z",
            "0123456789abcdef",
            "c2lnbmF0dXJl",
            "cHVibGljLWtleQ=="),
        new SecurityAlertRaised(
            UUID.fromString("5b0e3c1e-8c36-4b8f-a4d5-3b1f6f0b2c11"),
            "brute-force",
            Severity.HIGH,
            "account:alice@source:203.0.113.7",
            AT,
            "MON-02",
            new Window(300, 12, 10),
            List.of("audit-2", "audit-1")),
        new KeyVersionChanged(
            "prod",
            "db-encryption",
            3,
            "PROMOTED",
            "PRIMARY",
            true,
            "suspected leak",
            "oid-1",
            "app-1",
            "tid-1",
            AT),
        new KeyVersionChanged(
            "prod", "db-encryption", 4, "ADDED", "PENDING", null, null, null, null, null, AT),
        new ReencryptionProgressed(
            17, "prod", "db-encryption", 3, "ROTATION", "RUNNING", 1200, 300, 2, 41.5, 21.6),
        new ReencryptionProgressed(
            17, "prod", "db-encryption", 3, "MANUAL", "COMPLETED", 0, 0, 0, 0.0, null),
        new KeyBackupRecorded(
            UUID.fromString("0d9b7a3e-2c4f-4e1a-9b8c-7d6e5f4a3b21"),
            "prod",
            "EXPORTED",
            Map.of("db-encryption", 3, "token-signing", 1),
            "oid-1",
            "app-1",
            "tid-1",
            AT),
        new KeyBackupRecorded(
            UUID.fromString("0d9b7a3e-2c4f-4e1a-9b8c-7d6e5f4a3b21"),
            "prod",
            "VERIFIED",
            Map.of("db-encryption", 3),
            null,
            null,
            null,
            AT),
        new LeakFound(
            9,
            "platform-config",
            "KEY_VERSION",
            "0123456789abcdef0123456789abcdef01234567",
            "deploy/values.yaml",
            12,
            "KEY-05",
            "prod",
            "db-encryption",
            3),
        new LeakFound(
            10,
            "platform-config",
            "ENV_FILE",
            "0123456789abcdef0123456789abcdef01234567",
            ".env",
            0,
            "ENV-01",
            null,
            null,
            null),
        new ServiceBindingChanged(
            "prod",
            "8f5c2a8e-4f0e-4c3e-9a43-6a1c1d0b7e21",
            "5b0c7e1a-3d2f-4a6b-8c9d-0e1f2a3b4c5d",
            "BOUND",
            "billing service",
            "oid-1",
            "app-1",
            "8f5c2a8e-4f0e-4c3e-9a43-6a1c1d0b7e21",
            AT),
        new ServiceBindingChanged(
            "prod", "tid-1", "oid-2", "UNBOUND", null, "oid-1", null, "tid-1", AT),
        new BackupCompleted(
            BACKUP,
            "platform-db",
            "SCHEDULED",
            AT,
            81_250,
            52_428_800,
            52_432_011,
            "b".repeat(64),
            "filesystem",
            "platform-db/2026/11/29/" + BACKUP + ".vbk"),
        new BackupFailed(
            BACKUP,
            "platform-db",
            "DUMPING",
            "pg_dump 15.20 is older than the server's major version 16",
            AT),
        new BackupFailed(
            null, "platform-db", "SCHEDULE", "no verified backup within PT15M of 10:00", AT),
        new BackupVerified(BACKUP, "platform-db", "VALID", null, AT),
        new BackupVerified(
            BACKUP, "platform-db", "BAD", "the stored object's SHA-256 no longer matches", AT),
        new BackupPruned(BACKUP, "platform-db", AT, "hourly=24 daily=7 minimum=3", AT),
        new RestoreTested(
            RESTORE,
            BACKUP,
            "platform-db",
            "DRILL",
            "FAILED",
            64_000,
            3_600,
            true,
            true,
            List.of("table public.accounts: 500 rows in the backup's manifest, 499 restored"),
            AT),
        new RestoreProgressed(RESTORE, "platform-db", "RESTORING", AT),
        new RestoreCompleted(
            RESTORE,
            BACKUP,
            "platform-db",
            "platform_restored_202611291015",
            false,
            "SUCCEEDED",
            null,
            null,
            90_000,
            "INC-7",
            "0b7e6c1a-5a7e-4c59-9d8e-2f1c9a4b6d10",
            AT),
        new CampaignStarted(
            "c-42",
            "Quarterly members review",
            "MEMBERS",
            120,
            7,
            AT.plusDays(14),
            "oid-admin",
            "oid-admin",
            "vigil-console",
            "tenant-1"),
        new CampaignStarted(
            "c-43", "Quarterly members review", "MEMBERS", 0, 0, AT, "schedule", null, null, null),
        new CampaignClosed(
            "c-42",
            "MEMBERS",
            AT.plusDays(10),
            "oid-admin",
            110,
            7,
            3,
            "oid-admin",
            "vigil-console",
            "tenant-1"),
        new CampaignClosed("c-43", "MEMBERS", AT, "expiry", 0, 0, 0, null, null, null),
        new DecisionRecorded(
            "c-42",
            17,
            "platform",
            "user-17",
            "APPROVE",
            "REVOKE",
            "still on the on-call rota",
            "oid-reviewer",
            "oid-reviewer",
            "vigil-console",
            "tenant-1"),
        new RevocationRequested(
            "r-9", "platform", "API_KEY", "key-3", List.of("REVOKE_API_KEY"), "unused 120 days"),
        new RevocationApplied("r-9", "platform", "key-3", List.of("REVOKE_API_KEY"), "platform"),
        new ReviewReminder("c-42", "Quarterly members review", "oid-reviewer", 12, AT.plusDays(3)),
        new PlatformAppObserved(
            "9f8e7d6c-0000-4000-8000-000000000001",
            "sp-platform",
            AT,
            true,
            null,
            "app-platform",
            "Tenant portal",
            true,
            true,
            AT.minusDays(2),
            null,
            List.of(
                new PlatformAppObserved.Credential(
                    "k-1", "CI deploy", "secret", AT.minusDays(300), AT.plusDays(65)),
                new PlatformAppObserved.Credential(
                    "k-2", null, "certificate", null, AT.plusDays(400))),
            null),
        new PlatformAppObserved(
            "9f8e7d6c-0000-4000-8000-000000000001",
            "sp-platform",
            AT,
            null,
            "Graph answered 403",
            null,
            null,
            null,
            null,
            null,
            "the service principal could not be read",
            null,
            "the service principal could not be read"),
        new ContainmentExecuted(
            "k-1",
            "entra",
            "0b7e6c1a-5a7e-4c59-9d8e-2f1c9a4b6d10",
            "INC-7",
            List.of(
                new ContainmentExecuted.ActionResult("REVOKE_SESSIONS", "DONE", null),
                new ContainmentExecuted.ActionResult(
                    "REVOKE_API_KEYS", "REQUESTED", "2 keys asked of the platform")),
            "oid-admin",
            "azp-cli",
            "9f8e7d6c-0000-4000-8000-000000000001"),
        new SecurityAlertRaised(
            UUID.fromString("5b0e3c1e-8c36-4b8f-a4d5-3b1f6f0b2c12"),
            "backup-corrupted",
            Severity.HIGH,
            "backup:platform-db/" + BACKUP,
            AT,
            "BKV-01",
            new Window(0, 1, 1),
            List.of(BACKUP.toString())));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void shouldWriteJsonItsSchemaAcceptsAndDecodeItBack(EventData sample) {
    String type = EventCatalog.typeOf(sample.getClass());
    JsonNode json = EventJson.MAPPER.valueToTree(sample);

    assertThat(schemas.violations(type, json)).isEmpty();
    assertThat(event(type, json).dataAs(sample.getClass())).isEqualTo(sample);
  }

  @Test
  void shouldHaveASampleOfEveryRecord() {
    assertThat(samples().map(Object::getClass).distinct())
        .containsExactlyInAnyOrderElementsOf(EventCatalog.RECORDS);
  }

  @Test
  void shouldHaveARecordForEverySchemaAndASchemaForEveryRecord() throws Exception {
    Set<String> published = publishedTypes();

    assertThat(published).isNotEmpty();
    assertThat(EventCatalog.types()).containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void shouldNameEachSchemaByItsType() throws IOException {
    for (String type : EventCatalog.types()) {
      try (InputStream in = resource(type + SUFFIX)) {
        assertThat(EventJson.MAPPER.readTree(in).path("$id").asText())
            .as(type)
            .isEqualTo(EventSchemas.schemaUri(type));
      }
    }
  }

  @Test
  void shouldRefuseToDecodeAnotherType() {
    EventData alert = samples().filter(SecurityAlertRaised.class::isInstance).findFirst().get();
    CloudEvent event = event(SecurityAlertRaised.TYPE, EventJson.MAPPER.valueToTree(alert));

    assertThatThrownBy(() -> event.dataAs(AuditEventRecorded.class))
        .isInstanceOf(RejectedEventException.class)
        .hasMessageContaining(SecurityAlertRaised.TYPE)
        .hasMessageContaining(AuditEventRecorded.TYPE);
  }

  @Test
  void shouldRefuseDataThatDoesNotMapWithoutQuotingIt() {
    JsonNode data =
        EventJson.MAPPER.createObjectNode().put("alertId", "secret-value").put("rule", "x");
    CloudEvent event = event(SecurityAlertRaised.TYPE, data);

    assertThatThrownBy(() -> event.dataAs(SecurityAlertRaised.class))
        .isInstanceOf(RejectedEventException.class)
        .hasMessageContaining("SecurityAlertRaised")
        .hasMessageNotContaining("secret-value");
  }

  @Test
  void shouldRefuseAClassOutsideTheCatalogue() {
    record Unlisted() implements EventData {}

    assertThatThrownBy(() -> EventCatalog.typeOf(Unlisted.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in the event catalogue");
  }

  private static CloudEvent event(String type, JsonNode data) {
    return new CloudEvent(
        UUID.randomUUID().toString(),
        "/vigil/common-test",
        type,
        "subject",
        AT,
        EventSchemas.schemaUri(type),
        data);
  }

  private static InputStream resource(String name) {
    InputStream in =
        EventCatalogTest.class.getClassLoader().getResourceAsStream(SCHEMAS + "/" + name);
    assertThat(in).as(name).isNotNull();
    return in;
  }

  /** The types of the schema files packaged from {@code docs/events}. */
  private static Set<String> publishedTypes() throws Exception {
    URI folder = EventCatalogTest.class.getClassLoader().getResource(SCHEMAS).toURI();
    if (!"jar".equals(folder.getScheme())) {
      return typesIn(Path.of(folder));
    }
    try (FileSystem jar = FileSystems.newFileSystem(folder, Map.of())) {
      return typesIn(jar.getPath(SCHEMAS));
    }
  }

  private static Set<String> typesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(SUFFIX))
          .map(name -> name.substring(0, name.length() - SUFFIX.length()))
          .collect(Collectors.toSet());
    }
  }
}
