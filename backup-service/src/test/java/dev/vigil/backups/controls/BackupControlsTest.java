package dev.vigil.backups.controls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.contract.ReportedControls;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The evaluator reports every control it owns from the catalogue. */
@QuarkusTest
class BackupControlsTest {

  @Inject BackupControls controls;

  @Test
  void shouldReportEveryOwnedControl() throws Throwable {
    controls.evaluate();
    for (String control : new String[] {"DB-03", "DB-04", "BKV-01", "BKV-02", "BKV-03", "MNT-04"}) {
      assertThat(ReportedControls.status(control)).as(control).isNotEqualTo("NONE");
    }
  }
}
