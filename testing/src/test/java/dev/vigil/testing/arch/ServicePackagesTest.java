package dev.vigil.testing.arch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.fixture.layered.orders.Order;
import org.junit.jupiter.api.Test;

class ServicePackagesTest {

  private final ServicePackages tangled =
      ServicePackages.of("dev.vigil.fixture.tangled", Order.class, ServicePackagesTest.class);
  private final ServicePackages layered =
      ServicePackages.of("dev.vigil.fixture.layered", Order.class, ServicePackagesTest.class);

  @Test
  void featuresThatDependOnEachOtherFormACycle() {
    assertThat(tangled.featureCycles()).containsExactly("billing -> orders -> billing");
  }

  @Test
  void featuresThatDependOneWayFormNone() {
    assertThat(layered.featureCycles()).isEmpty();
  }

  @Test
  void aDependencyOnAnotherRootIsReportedAndOneOnTestingIsNot() {
    assertThat(layered.otherServiceDependencies())
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains("neighbour.Stock"))
        .noneSatisfy(line -> assertThat(line).contains("FreePorts"));
  }

  @Test
  void dependenciesInsideTheRootAreAllowed() {
    assertThat(tangled.otherServiceDependencies()).isEmpty();
  }
}
