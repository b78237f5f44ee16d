package dev.vigil.gateway.posture.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.gateway.posture.Finding;
import dev.vigil.gateway.posture.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummariesTest {

  @Test
  void shouldPluraliseTheNounsRulesUse() {
    assertThat(Summaries.plural(1, "Ingress")).isEqualTo("1 Ingress");
    assertThat(Summaries.plural(2, "Ingress")).isEqualTo("2 Ingresses");
    assertThat(Summaries.plural(0, "NetworkPolicy")).isEqualTo("0 NetworkPolicies");
    assertThat(Summaries.plural(3, "workload")).isEqualTo("3 workloads");
    assertThat(Summaries.plural(2, "key")).isEqualTo("2 keys");
  }

  @Test
  void shouldCountFailuresAndWarnings() {
    Finding fail = new Finding("X-01", Severity.FAIL, "Pod", "a", "b", "spec", "m");
    Finding warn = new Finding("X-01", Severity.WARN, "Pod", "a", "b", "spec", "m");

    assertThat(Summaries.checked("2 pods", List.of(fail, warn, warn)))
        .isEqualTo("2 pods checked: 1 failure, 2 warnings");
    assertThat(Summaries.checked("2 pods", List.of())).isEqualTo("2 pods checked: no findings");
  }
}
