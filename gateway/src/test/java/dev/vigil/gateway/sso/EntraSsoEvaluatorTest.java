package dev.vigil.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.testing.net.FreePorts;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EntraSsoEvaluatorTest {

  @Inject EntraSsoEvaluator evaluator;

  @Test
  void shouldPassForAPinnedTenantWithReachableMetadata() {
    ControlEvaluation evaluation =
        evaluator.evaluate(
            EntraIdTestResource.issuer().authority(),
            EntraIdTestResource.TENANT_ID,
            EntraIdTestResource.CLIENT_ID);

    assertThat(evaluation.status()).isEqualTo(ControlStatus.PASS);
    assertThat(evaluation.evidence().facts())
        .containsEntry("issuerMatchesTenant", true)
        .containsEntry("signingKeys", 1);
  }

  @Test
  void shouldFailForAMultiTenantAuthorityThatCannotBeReached() {
    ControlEvaluation evaluation =
        evaluator.evaluate("http://127.0.0.1:" + FreePorts.next(), "common", "");

    assertThat(evaluation.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(evaluation.evidence().facts())
        .containsEntry("tenantPinned", false)
        .containsEntry("audienceConfigured", false)
        .containsEntry("discoveryReachable", false)
        .containsKey("metadataError");
  }

  @Test
  void shouldFailWhenTheIssuerDoesNotMatchTheTenant() {
    // The issuer serves only its own tenant; another pinned tenant's metadata is not found.
    ControlEvaluation evaluation =
        evaluator.evaluate(
            EntraIdTestResource.issuer().authority(),
            "11111111-2222-3333-4444-555555555555",
            EntraIdTestResource.CLIENT_ID);

    assertThat(evaluation.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(evaluation.evidence().facts())
        .containsEntry("tenantPinned", true)
        .containsEntry("discoveryReachable", false);
  }
}
