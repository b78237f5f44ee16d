package dev.vigil.backups.controls;

import static dev.vigil.backups.controls.Snapshots.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.compliance.ControlStatus;
import org.junit.jupiter.api.Test;

class HourlyBackupsRuleTest {

  private final HourlyBackupsRule rule = new HourlyBackupsRule();

  @Test
  void shouldPassAnHourlyScheduleWithARecentVerifiedBackup() {
    RuleOutcome outcome = rule.check(Snapshots.target().verified(30).build(), NOW);

    assertThat(outcome.status()).isEqualTo(ControlStatus.PASS);
    assertThat(outcome.references()).singleElement().asString().startsWith("backup:");
  }

  @Test
  void shouldFailAScheduleLessFrequentThanHourly() {
    RuleOutcome outcome =
        rule.check(Snapshots.target().schedule("0 3 * * *").verified(30).build(), NOW);

    assertThat(outcome.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(outcome.summary()).contains("platform-db", "every 24 hours");
  }

  @Test
  void shouldFailAMissedSchedule() {
    RuleOutcome outcome = rule.check(Snapshots.target().verified(180).build(), NOW);

    assertThat(outcome.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(outcome.summary()).contains("missed its schedule");
  }

  @Test
  void shouldWarnWhileANewTargetsFirstBackupIsPendingAndFailAfter() {
    assertThat(rule.check(Snapshots.target().createdAt(NOW.minusMinutes(10)).build(), NOW).status())
        .isEqualTo(ControlStatus.WARN);
    assertThat(rule.check(Snapshots.target().createdAt(NOW.minusDays(1)).build(), NOW).status())
        .isEqualTo(ControlStatus.FAIL);
  }

  @Test
  void shouldBeUnknownWithoutTargets() {
    RuleOutcome outcome = rule.check(Snapshots.none(), NOW);

    assertThat(outcome.status()).isEqualTo(ControlStatus.UNKNOWN);
    assertThat(outcome.summary()).contains("no enabled backup target");
  }
}
