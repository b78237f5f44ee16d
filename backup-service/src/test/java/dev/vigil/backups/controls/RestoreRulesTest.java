package dev.vigil.backups.controls;

import static dev.vigil.backups.controls.Snapshots.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.compliance.ControlStatus;
import org.junit.jupiter.api.Test;

/** DB-04 (recent restore test), BKV-03 (within a year) and MNT-04 (a drill within a year). */
class RestoreRulesTest {

  private final RecentRestoreRule recent = new RecentRestoreRule();
  private final YearlyRestoreRule yearly = YearlyRestoreRule.restoreTests();
  private final YearlyRestoreRule drills = YearlyRestoreRule.drills();

  @Test
  void recentRestoreShouldPassAPassedTestWithinItsSchedule() {
    assertThat(recent.check(Snapshots.target().restore("TEST", "PASSED", 3).build(), NOW).status())
        .isEqualTo(ControlStatus.PASS);
  }

  @Test
  void recentRestoreShouldFailWhenTheLatestTestFailedEvenAfterAnOlderPass() {
    RuleOutcome outcome =
        recent.check(
            Snapshots.target().restore("TEST", "FAILED", 1).restore("TEST", "PASSED", 8).build(),
            NOW);

    assertThat(outcome.status()).isEqualTo(ControlStatus.FAIL);
  }

  @Test
  void recentRestoreShouldWarnWhenThePassIsOlderThanTheScheduleAllows() {
    assertThat(recent.check(Snapshots.target().restore("TEST", "PASSED", 30).build(), NOW).status())
        .isEqualTo(ControlStatus.WARN);
  }

  @Test
  void recentRestoreShouldFailWhenNeverTested() {
    assertThat(recent.check(Snapshots.target().build(), NOW).summary())
        .contains("never had a restore test");
  }

  @Test
  void yearlyShouldCountTestsAndDrillsWithinAYearOnly() {
    assertThat(
            yearly.check(Snapshots.target().restore("DRILL", "PASSED", 200).build(), NOW).status())
        .isEqualTo(ControlStatus.PASS);
    assertThat(
            yearly.check(Snapshots.target().restore("TEST", "PASSED", 370).build(), NOW).status())
        .isEqualTo(ControlStatus.FAIL);
    assertThat(
            yearly
                .check(Snapshots.target().restore("RECOVERY", "PASSED", 10).build(), NOW)
                .status())
        .isEqualTo(ControlStatus.FAIL);
  }

  @Test
  void drillsShouldNotCountOrdinaryRestoreTests() {
    assertThat(drills.check(Snapshots.target().restore("TEST", "PASSED", 1).build(), NOW).status())
        .isEqualTo(ControlStatus.FAIL);
    RuleOutcome outcome =
        drills.check(Snapshots.target().restore("DRILL", "PASSED", 100).build(), NOW);
    assertThat(outcome.status()).isEqualTo(ControlStatus.PASS);
    assertThat(outcome.control()).isEqualTo("MNT-04");
  }

  @Test
  void allShouldBeUnknownWithoutTargets() {
    for (BackupRule rule : BackupControls.RULES) {
      assertThat(rule.check(Snapshots.none(), NOW).status())
          .as(rule.control())
          .isEqualTo(ControlStatus.UNKNOWN);
    }
  }
}
