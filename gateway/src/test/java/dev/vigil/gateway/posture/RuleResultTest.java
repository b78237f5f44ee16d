package dev.vigil.gateway.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.common.compliance.ControlStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleResultTest {

  static Finding finding(Severity severity, String namespace, String name, String field) {
    return new Finding("X-01", severity, "Deployment", namespace, name, field, "message");
  }

  @Test
  void shouldFailWhenAnyFindingFails() {
    List<Finding> findings =
        List.of(finding(Severity.WARN, "a", "x", "f"), finding(Severity.FAIL, "a", "y", "f"));

    assertThat(RuleResult.of("X-01", 2, findings, "s").status()).isEqualTo(ControlStatus.FAIL);
  }

  @Test
  void shouldWarnWhenOnlyWarnings() {
    assertThat(RuleResult.statusOf(List.of(finding(Severity.WARN, "a", "x", "f")), 1))
        .isEqualTo(ControlStatus.WARN);
  }

  @Test
  void shouldPassWhenSomethingWasCheckedAndNothingFound() {
    assertThat(RuleResult.statusOf(List.of(), 3)).isEqualTo(ControlStatus.PASS);
  }

  @Test
  void shouldBeUnknownWhenNothingWasChecked() {
    RuleResult result = RuleResult.unknown("X-01", "no pods in the snapshot");

    assertThat(result.status()).isEqualTo(ControlStatus.UNKNOWN);
    assertThat(result.objectsChecked()).isZero();
    assertThat(RuleResult.statusOf(List.of(), 0)).isEqualTo(ControlStatus.UNKNOWN);
  }

  @Test
  void shouldSortFindingsByNamespaceKindNameFieldAndDropDuplicates() {
    Finding b = finding(Severity.FAIL, "b", "x", "spec.a");
    Finding a2 = finding(Severity.FAIL, "a", "y", "spec.a");
    Finding a1b = finding(Severity.WARN, "a", "x", "spec.b");
    Finding a1a = finding(Severity.FAIL, "a", "x", "spec.a");

    RuleResult result = RuleResult.of("X-01", 3, List.of(b, a2, a1b, a1a, b), "s");

    assertThat(result.findings()).containsExactly(a1a, a1b, a2, b);
  }

  @Test
  void shouldRejectAnUnknownStatus() {
    assertThatThrownBy(() -> new RuleResult("X-01", ControlStatus.ATTESTED, 0, List.of(), "s"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
