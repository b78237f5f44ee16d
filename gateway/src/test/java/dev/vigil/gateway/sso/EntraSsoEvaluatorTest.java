package dev.vigil.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.events.access.PlatformAppObserved;
import dev.vigil.testing.net.FreePorts;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EntraSsoEvaluatorTest {

  @Inject EntraSsoEvaluator evaluator;

  private ControlEvaluation homeTenant(PlatformAppObserved observed) {
    return evaluator.evaluate(
        EntraIdTestResource.issuer().authority(),
        EntraIdTestResource.TENANT_ID,
        EntraIdTestResource.CLIENT_ID,
        observed,
        PlatformApplicationCheckTest.NOW);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> platformFacts(ControlEvaluation evaluation) {
    return (Map<String, Object>) evaluation.evidence().facts().get("platformApplication");
  }

  @Test
  void shouldPassForAPinnedTenantWithReachableMetadataAndAGoodPlatformApplication() {
    ControlEvaluation evaluation = homeTenant(PlatformApplicationCheckTest.good());

    assertThat(evaluation.status()).isEqualTo(ControlStatus.PASS);
    assertThat(evaluation.evidence().facts())
        .containsEntry("issuerMatchesTenant", true)
        .containsEntry("signingKeys", 1);
    assertThat(platformFacts(evaluation))
        .containsEntry("status", "PASS")
        .containsEntry("servicePrincipalId", "sp-platform");
  }

  @Test
  void shouldWarnWithTheReasonWhenNoPlatformObservationHasArrived() {
    ControlEvaluation evaluation = homeTenant(null);

    assertThat(evaluation.status()).isEqualTo(ControlStatus.WARN);
    assertThat(evaluation.evidence().summary()).contains("no observation");
    assertThat(evaluation.evidence().facts()).containsEntry("issuerMatchesTenant", true);
    assertThat(platformFacts(evaluation))
        .containsEntry("status", "WARN")
        .containsEntry("observed", false);
  }

  @Test
  void shouldFailWithTheReasonWhenThePlatformApplicationIsDisabled() {
    ControlEvaluation evaluation =
        homeTenant(
            PlatformApplicationCheckTest.observed(
                false, true, PlatformApplicationCheckTest.good().credentials()));

    assertThat(evaluation.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(evaluation.evidence().summary())
        .contains("Tenant portal, service principal sp-platform")
        .contains("is disabled")
        .doesNotContain("see the facts that are false");
  }

  @Test
  void shouldFailForAMultiTenantAuthorityThatCannotBeReachedWhateverThePlatformSide() {
    ControlEvaluation evaluation =
        evaluator.evaluate(
            "http://127.0.0.1:" + FreePorts.next(),
            "common",
            "",
            PlatformApplicationCheckTest.good(),
            PlatformApplicationCheckTest.NOW);

    assertThat(evaluation.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(evaluation.evidence().facts())
        .containsEntry("tenantPinned", false)
        .containsEntry("audienceConfigured", false)
        .containsEntry("discoveryReachable", false)
        .containsKey("metadataError");
    assertThat(platformFacts(evaluation)).containsEntry("status", "PASS");
  }

  @Test
  void shouldFailWhenTheIssuerDoesNotMatchTheTenant() {
    // The issuer serves only its own tenant; another pinned tenant's metadata is not found.
    ControlEvaluation evaluation =
        evaluator.evaluate(
            EntraIdTestResource.issuer().authority(),
            "11111111-2222-3333-4444-555555555555",
            EntraIdTestResource.CLIENT_ID,
            PlatformApplicationCheckTest.good(),
            PlatformApplicationCheckTest.NOW);

    assertThat(evaluation.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(evaluation.evidence().facts())
        .containsEntry("tenantPinned", true)
        .containsEntry("discoveryReachable", false);
  }
}
