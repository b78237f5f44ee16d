package dev.vigil.backups.controls;

import static dev.vigil.backups.controls.Snapshots.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.backups.targets.RetentionPolicy;
import dev.vigil.common.compliance.ControlStatus;
import org.junit.jupiter.api.Test;

class RetentionRuleTest {

  private final RetentionRule rule = new RetentionRule();
  private final RetentionPolicy sixHours = new RetentionPolicy(6, 0, 0, 0, 0, 3);

  @Test
  void shouldPassWhenEveryHourOfTheHorizonHoldsABackup() {
    Snapshots snapshot = Snapshots.target().retention(sixHours);
    for (int hour = 0; hour < 8; hour++) {
      snapshot.verified(hour * 60L + 25);
    }
    assertThat(rule.check(snapshot.build(), NOW).status()).isEqualTo(ControlStatus.PASS);
  }

  @Test
  void shouldFailNamingTheHourWithoutABackup() {
    Snapshots snapshot = Snapshots.target().retention(sixHours);
    for (int hour = 0; hour < 8; hour++) {
      if (hour != 3) {
        snapshot.verified(hour * 60L + 25);
      }
    }
    RuleOutcome outcome = rule.check(snapshot.build(), NOW);

    assertThat(outcome.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(outcome.summary()).contains("hourly 2026-12-03T09:00Z");
  }

  @Test
  void shouldWarnWhileTheHistoryIsYoungerThanTheMinimumNeeds() {
    RuleOutcome outcome =
        rule.check(Snapshots.target().retention(sixHours).verified(5).build(), NOW);

    assertThat(outcome.status()).isEqualTo(ControlStatus.WARN);
    assertThat(outcome.summary()).contains("keeps 1 of the minimum 3");
  }
}
