package dev.vigil.backups.controls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.backups.cnpg.CnpgCluster;
import dev.vigil.backups.cnpg.CnpgObservation;
import dev.vigil.common.compliance.ControlStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DB-03 and BKV-01 read CloudNativePG's schedules and backups for the clusters it runs. */
class CnpgChecksTest {

  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 12, 3, 12, 10, 0, 0, ZoneOffset.UTC);
  private static final CnpgCluster.Schedule HOURLY =
      new CnpgCluster.Schedule("hourly", "0 0 * * * *", false);

  @Test
  void shouldPassAnHourlyScheduleWithARecentCompletedBackup() {
    CatalogueSnapshot snapshot = snapshot(cluster(List.of(HOURLY), List.of(completed("b1", 20))));

    RuleOutcome db03 = new HourlyBackupsRule().check(snapshot, NOW);
    RuleOutcome bkv01 = new ValidDumpsRule().check(snapshot, NOW);

    assertThat(db03.status()).isEqualTo(ControlStatus.PASS);
    assertThat(db03.references()).contains("cnpg-backup:db/b1");
    assertThat(bkv01.status()).isEqualTo(ControlStatus.PASS);
    assertThat(db03.facts()).containsKey("cnpg:db/platform");
  }

  @Test
  void shouldFailADailyScheduleNamingTheCluster() {
    CnpgCluster.Schedule daily = new CnpgCluster.Schedule("nightly", "0 0 2 * * *", false);

    RuleOutcome db03 =
        new HourlyBackupsRule()
            .check(snapshot(cluster(List.of(daily), List.of(completed("b1", 20)))), NOW);

    assertThat(db03.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(db03.findings())
        .anyMatch(f -> f.startsWith("cnpg:db/platform is backed up only every 24 hours"));
  }

  @Test
  void shouldFailASuspendedScheduleAndAMissedOne() {
    CnpgCluster.Schedule suspended = new CnpgCluster.Schedule("hourly", "@hourly", true);

    RuleOutcome none =
        new HourlyBackupsRule()
            .check(snapshot(cluster(List.of(suspended), List.of(completed("b1", 20)))), NOW);
    RuleOutcome missed =
        new HourlyBackupsRule()
            .check(snapshot(cluster(List.of(HOURLY), List.of(completed("b1", 300)))), NOW);

    assertThat(none.findings()).contains("cnpg:db/platform has no active ScheduledBackup.");
    assertThat(missed.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(missed.findings()).anyMatch(f -> f.contains("missed its schedule"));
  }

  @Test
  void shouldWarnRatherThanJudgeAScheduleItCannotRead() {
    CnpgCluster.Schedule odd = new CnpgCluster.Schedule("odd", "@every 1h", false);

    RuleOutcome db03 =
        new HourlyBackupsRule()
            .check(snapshot(cluster(List.of(odd), List.of(completed("b1", 20)))), NOW);

    assertThat(db03.status()).isEqualTo(ControlStatus.WARN);
    assertThat(db03.findings())
        .containsExactly(
            "cnpg:db/platform's ScheduledBackup odd has a schedule Vigil cannot read (@every 1h).");
  }

  @Test
  void shouldFailBkv01WithCnpgsErrorWhenNoBackupCompleted() {
    CnpgCluster.BackupRun failed =
        new CnpgCluster.BackupRun(
            "b2",
            "failed",
            "barmanObjectStore",
            NOW.minusMinutes(30),
            NOW.minusMinutes(29),
            "can't upload");

    RuleOutcome bkv01 =
        new ValidDumpsRule().check(snapshot(cluster(List.of(HOURLY), List.of(failed))), NOW);

    assertThat(bkv01.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(bkv01.findings())
        .containsExactly("cnpg:db/platform has no completed backup; b2 failed: can't upload");
  }

  @Test
  void shouldWarnRatherThanPassWhenANamespaceCouldNotBeRead() {
    CatalogueSnapshot snapshot =
        new CatalogueSnapshot(
            List.of(),
            Duration.ofMinutes(15),
            new CnpgObservation(
                List.of(cluster(List.of(HOURLY), List.of(completed("b1", 20)))),
                Map.of("payments", "HTTP 403")));

    RuleOutcome db03 = new HourlyBackupsRule().check(snapshot, NOW);

    assertThat(db03.status()).isEqualTo(ControlStatus.WARN);
    assertThat(db03.findings())
        .contains("CloudNativePG backups in namespace payments could not be read (HTTP 403).");
  }

  private static CatalogueSnapshot snapshot(CnpgCluster cluster) {
    return new CatalogueSnapshot(
        List.of(), Duration.ofMinutes(15), new CnpgObservation(List.of(cluster), Map.of()));
  }

  private static CnpgCluster cluster(
      List<CnpgCluster.Schedule> schedules, List<CnpgCluster.BackupRun> backups) {
    return new CnpgCluster("db", "platform", schedules, backups);
  }

  private static CnpgCluster.BackupRun completed(String name, long minutesAgo) {
    return new CnpgCluster.BackupRun(
        name,
        "completed",
        "barmanObjectStore",
        NOW.minusMinutes(minutesAgo + 2),
        NOW.minusMinutes(minutesAgo),
        null);
  }
}
