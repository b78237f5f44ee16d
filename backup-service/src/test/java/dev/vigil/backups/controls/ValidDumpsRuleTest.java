package dev.vigil.backups.controls;

import static dev.vigil.backups.controls.Snapshots.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.compliance.ControlStatus;
import org.junit.jupiter.api.Test;

class ValidDumpsRuleTest {

  private final ValidDumpsRule rule = new ValidDumpsRule();

  @Test
  void shouldPassWhenTheNewestBackupVerifiedOnSchedule() {
    assertThat(rule.check(Snapshots.target().verified(20).build(), NOW).status())
        .isEqualTo(ControlStatus.PASS);
  }

  @Test
  void shouldFailWhenAStoredBackupNoLongerVerifiesNamingIt() {
    RuleOutcome outcome = rule.check(Snapshots.target().verified(20).bad(600).build(), NOW);

    assertThat(outcome.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(outcome.summary()).contains("failed re-verification");
    assertThat(outcome.references()).hasSize(2);
  }

  @Test
  void shouldWarnWhenTheLatestAttemptFailedButAValidBackupIsStillOnSchedule() {
    RuleOutcome outcome =
        rule.check(
            Snapshots.target().verified(40).failedLastAttempt("cannot connect").build(), NOW);

    assertThat(outcome.status()).isEqualTo(ControlStatus.WARN);
    assertThat(outcome.summary()).contains("cannot connect");
  }

  @Test
  void shouldFailWhenOnlyFailuresExist() {
    RuleOutcome outcome =
        rule.check(
            Snapshots.target().failedLastAttempt("pg_dump exited with status 1").build(), NOW);

    assertThat(outcome.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(outcome.summary()).contains("pg_dump exited");
  }
}
