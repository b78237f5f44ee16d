package dev.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.audit.chain.AuditLedger;
import dev.vigil.testing.arch.ServicePackages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feature packages without cycles, and no other service's packages (docs/architecture.md). */
class PackageRulesTest {

  private final ServicePackages packages =
      ServicePackages.of("dev.vigil.audit", AuditLedger.class, PackageRulesTest.class);

  @Test
  void featurePackagesAreFreeOfCycles() {
    List<String> cycles = packages.featureCycles();
    assertThat(cycles).as("%d feature cycles", cycles.size()).isEmpty();
  }

  @Test
  void noOtherServicesPackagesAreUsed() {
    assertThat(packages.otherServiceDependencies()).isEmpty();
  }
}
