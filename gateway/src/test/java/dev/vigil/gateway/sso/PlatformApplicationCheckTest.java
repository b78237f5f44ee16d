package dev.vigil.gateway.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.events.access.PlatformAppObserved;
import dev.vigil.common.events.access.PlatformAppObserved.Credential;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each FAIL, WARN and PASS path of AUTH-04's platform side. */
class PlatformApplicationCheckTest {

  static final String TENANT = "8f5c2a8e-4f0e-4c3e-9a43-6a1c1d0b7e21";
  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-03T12:00:00Z");

  private final PlatformApplicationCheck check =
      new PlatformApplicationCheck(Duration.ofHours(24), Duration.ofDays(30));

  /** A good observation an hour old: enabled, assignment required, signed in, a valid secret. */
  static PlatformAppObserved good() {
    return observed(true, true, List.of(secret("k-1", NOW.plusDays(200))));
  }

  static PlatformAppObserved observed(
      boolean enabled, boolean assignmentRequired, List<Credential> credentials) {
    return new PlatformAppObserved(
        TENANT,
        "sp-platform",
        NOW.minusHours(1),
        true,
        null,
        "app-platform",
        "Tenant portal",
        enabled,
        assignmentRequired,
        NOW.minusDays(2),
        null,
        credentials,
        null);
  }

  static Credential secret(String keyId, OffsetDateTime end) {
    return new Credential(keyId, "CI deploy", Credential.SECRET, null, end);
  }

  private static PlatformAppObserved with(
      PlatformAppObserved o,
      OffsetDateTime observedAt,
      OffsetDateTime lastSignIn,
      String signInsUnknown) {
    return new PlatformAppObserved(
        o.tenant(),
        o.servicePrincipalId(),
        observedAt,
        o.exists(),
        o.servicePrincipalUnknownReason(),
        o.appId(),
        o.displayName(),
        o.enabled(),
        o.assignmentRequired(),
        lastSignIn,
        signInsUnknown,
        o.credentials(),
        o.credentialsUnknownReason());
  }

  private static PlatformAppObserved unreadable(Boolean exists, String reason) {
    return new PlatformAppObserved(
        TENANT,
        "sp-platform",
        NOW.minusHours(1),
        exists,
        exists == null ? reason : null,
        null,
        null,
        null,
        null,
        null,
        reason,
        null,
        reason);
  }

  @Test
  void shouldPassAFreshGoodObservation() {
    PlatformApplicationCheck.Result result = check.check(good(), TENANT, NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    assertThat(result.reasons()).isEmpty();
    assertThat(result.facts())
        .containsEntry("exists", true)
        .containsEntry("enabled", true)
        .containsEntry("assignmentRequired", true)
        .containsEntry("lastSuccessfulSignIn", "2026-12-01T12:00Z");
  }

  @Test
  void shouldPassWithAnExpiredCredentialBesideAValidOne() {
    PlatformApplicationCheck.Result result =
        check.check(
            observed(
                true,
                true,
                List.of(secret("old", NOW.minusDays(3)), secret("k-1", NOW.plusDays(200)))),
            TENANT,
            NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.PASS);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> credentials =
        (List<Map<String, Object>>) result.facts().get("credentials");
    assertThat(credentials).extracting(c -> c.get("expired")).containsExactly(true, false);
  }

  @Test
  void shouldWarnWhenNoObservationHasArrived() {
    PlatformApplicationCheck.Result result = check.check(null, TENANT, NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.reasons()).singleElement().asString().contains("no observation");
    assertThat(result.facts()).containsEntry("observed", false);
  }

  @Test
  void shouldWarnWhenTheObservationIsStaleEvenIfItLookedGood() {
    PlatformApplicationCheck.Result result =
        check.check(with(good(), NOW.minusHours(25), NOW.minusDays(2), null), TENANT, NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.reasons()).singleElement().asString().contains("older than PT24H");
  }

  @Test
  void shouldWarnWhenTheServicePrincipalCouldNotBeRead() {
    PlatformApplicationCheck.Result result =
        check.check(unreadable(null, "Graph answered 403"), TENANT, NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.reasons()).singleElement().asString().contains("Graph answered 403");
  }

  @Test
  void shouldFailWhenTheServicePrincipalDoesNotExist() {
    PlatformApplicationCheck.Result result =
        check.check(unreadable(false, "the service principal does not exist"), TENANT, NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.reasons())
        .singleElement()
        .asString()
        .contains("sp-platform")
        .contains("does not exist in tenant " + TENANT);
  }

  @Test
  void shouldFailWhenTheApplicationIsDisabled() {
    PlatformApplicationCheck.Result result =
        check.check(observed(false, true, good().credentials()), TENANT, NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.reasons()).singleElement().asString().contains("is disabled");
  }

  @Test
  void shouldFailWhenAssignmentIsNotRequired() {
    PlatformApplicationCheck.Result result =
        check.check(observed(true, false, good().credentials()), TENANT, NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.reasons()).singleElement().asString().contains("does not require assignment");
  }

  @Test
  void shouldFailWhenEveryCredentialHasExpired() {
    PlatformApplicationCheck.Result result =
        check.check(
            observed(
                true,
                true,
                List.of(secret("a", NOW.minusDays(1)), secret("b", NOW.minusMinutes(1)))),
            TENANT,
            NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(result.reasons()).singleElement().asString().contains("every credential");
  }

  @Test
  void shouldWarnWhenSignInsAreUnknown() {
    PlatformApplicationCheck.Result result =
        check.check(
            with(good(), NOW.minusHours(1), null, "sign-ins could not be read: Graph answered 403"),
            TENANT,
            NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.reasons())
        .singleElement()
        .asString()
        .contains("unknown")
        .contains("Graph answered 403");
  }

  @Test
  void shouldWarnWhenNobodySignedInForThirtyDays() {
    PlatformApplicationCheck.Result result =
        check.check(with(good(), NOW.minusHours(1), null, null), TENANT, NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.reasons()).singleElement().asString().contains("in the last 30 days");
  }

  @Test
  void shouldWarnNamingACredentialThatExpiresWithinTheWindow() {
    PlatformApplicationCheck.Result result =
        check.check(
            observed(
                true,
                true,
                List.of(secret("k-1", NOW.plusDays(200)), secret("k-soon", NOW.plusDays(10)))),
            TENANT,
            NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.reasons())
        .singleElement()
        .asString()
        .contains("'CI deploy' (k-soon)")
        .contains("expires on 2026-12-13");
  }

  @Test
  void shouldWarnWhenTheCredentialsAreUnknown() {
    PlatformAppObserved o = good();
    PlatformApplicationCheck.Result result =
        check.check(
            new PlatformAppObserved(
                o.tenant(),
                o.servicePrincipalId(),
                o.observedAt(),
                true,
                null,
                o.appId(),
                o.displayName(),
                true,
                true,
                o.lastSuccessfulSignIn(),
                null,
                null,
                "the application object could not be read: Graph answered 404"),
            TENANT,
            NOW);

    assertThat(result.status()).isEqualTo(ControlStatus.WARN);
    assertThat(result.reasons())
        .singleElement()
        .asString()
        .contains("credentials")
        .contains("Graph answered 404");
  }
}
