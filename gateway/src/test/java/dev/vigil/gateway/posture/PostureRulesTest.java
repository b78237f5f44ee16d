package dev.vigil.gateway.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.compliance.ControlStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostureRulesTest {

  @Test
  void shouldHaveOneRulePerControl() {
    assertThat(PostureRules.all())
        .extracting(PostureRule::control)
        .containsExactly(
            "CON-01", "CON-02", "CON-03", "CON-04", "MNT-01", "MNT-02", "DB-02", "NET-01", "NET-03",
            "ENV-02", "ENV-03");
  }

  @Test
  void shouldEvaluateAnEmptySnapshotWithoutInventingPasses() {
    List<RuleResult> results =
        PostureRules.evaluate(
            ClusterSnapshot.empty(), PostureSettings.defaults(), TestWorkloads.NOW);

    assertThat(results).hasSize(11);
    assertThat(results)
        .filteredOn(result -> !result.control().equals("NET-01"))
        .extracting(RuleResult::status)
        .containsOnly(ControlStatus.UNKNOWN);
    // No Ingress means no domain name carries a certificate: that is a failure, not a gap.
    assertThat(results)
        .filteredOn(result -> result.control().equals("NET-01"))
        .singleElement()
        .satisfies(
            result -> {
              assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
              assertThat(result.objectsChecked()).isZero();
              assertThat(result.summary())
                  .isEqualTo("no Ingress with a domain name in the scanned namespaces");
            });
  }

  @Test
  void shouldDocumentTheDefaultSettings() {
    PostureSettings defaults = PostureSettings.defaults();

    assertThat(defaults.databaseSelectorText()).isEqualTo("app.kubernetes.io/name=postgresql");
    assertThat(defaults.minCertificateDays()).isEqualTo(21);
    assertThat(defaults.maxImageAge()).hasDays(90);
    assertThat(defaults.latestVersions()).isEmpty();
    assertThat(defaults.maxScanAge()).hasDays(7);
  }
}
