package dev.vigil.gateway.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.attestations.Attestation;
import dev.vigil.gateway.catalogue.ControlDefinition;
import dev.vigil.gateway.checklist.ControlStatusResolver.Resolution;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ControlStatusResolverTest {

  private static final OffsetDateTime NOW =
      OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);

  private static final ControlDefinition AUTO = control("auto", null);
  private static final ControlDefinition ATTEST = control("attest", 365);
  private static final ControlDefinition AUTO_ATTEST = control("auto+attest", 90);

  @Test
  void shouldShowAnAutomatedControlAsItsCurrentEvaluation() {
    Resolution resolution = ControlStatusResolver.resolve(AUTO, evaluation("PASS", 1), null, NOW);

    assertThat(resolution)
        .isEqualTo(new Resolution(ControlStatus.PASS, ControlStatus.PASS, false, false));
  }

  @Test
  void shouldShowUnknownForAControlNeverEvaluated() {
    Resolution resolution = ControlStatusResolver.resolve(AUTO, null, null, NOW);

    assertThat(resolution)
        .isEqualTo(new Resolution(ControlStatus.UNKNOWN, ControlStatus.UNKNOWN, false, false));
  }

  @Test
  void shouldShowAStaleEvaluationAsUnknownFromItsValidUntilOn() {
    Evaluation expiresNow =
        new Evaluation("BKV-01", "PASS", NOW.minusHours(1), NOW, "backup-service", "{}");

    Resolution resolution = ControlStatusResolver.resolve(AUTO, expiresNow, null, NOW);

    assertThat(resolution)
        .isEqualTo(new Resolution(ControlStatus.UNKNOWN, ControlStatus.UNKNOWN, true, false));
    assertThat(ControlStatusResolver.resolve(AUTO, expiresNow, null, NOW.minusNanos(1)).status())
        .as("still valid an instant before")
        .isEqualTo(ControlStatus.PASS);
  }

  @Test
  void shouldIgnoreAnAttestationOfAControlThatCannotBeAttested() {
    Resolution resolution =
        ControlStatusResolver.resolve(AUTO, evaluation("PASS", 1), new Attestation(), NOW);

    assertThat(resolution.status()).isEqualTo(ControlStatus.PASS);
    assertThat(resolution.attestationNeeded()).isFalse();
  }

  @Test
  void shouldShowAnAttestedControlThatSoftwareNeverEvaluatedAsAttested() {
    Resolution resolution = ControlStatusResolver.resolve(ATTEST, null, new Attestation(), NOW);

    assertThat(resolution)
        .isEqualTo(new Resolution(ControlStatus.ATTESTED, ControlStatus.UNKNOWN, false, false));
  }

  @Test
  void shouldAskForAnAttestationWhereNoneIsCurrent() {
    assertThat(ControlStatusResolver.resolve(ATTEST, null, null, NOW))
        .isEqualTo(new Resolution(ControlStatus.UNKNOWN, ControlStatus.UNKNOWN, false, true));
    assertThat(ControlStatusResolver.resolve(AUTO_ATTEST, evaluation("PASS", 1), null, NOW))
        .isEqualTo(new Resolution(ControlStatus.PASS, ControlStatus.PASS, false, true));
  }

  @Test
  void shouldShowAPassingAndAttestedControlAsAttested() {
    Resolution resolution =
        ControlStatusResolver.resolve(AUTO_ATTEST, evaluation("PASS", 1), new Attestation(), NOW);

    assertThat(resolution)
        .isEqualTo(new Resolution(ControlStatus.ATTESTED, ControlStatus.PASS, false, false));
  }

  @Test
  void shouldNeverLetAnAttestationHideAFailOrWarn() {
    for (String found : new String[] {"FAIL", "WARN"}) {
      Resolution resolution =
          ControlStatusResolver.resolve(AUTO_ATTEST, evaluation(found, 1), new Attestation(), NOW);

      assertThat(resolution.status()).as(found).isEqualTo(ControlStatus.valueOf(found));
      assertThat(resolution.automatedStatus()).isEqualTo(ControlStatus.valueOf(found));
      assertThat(resolution.attestationNeeded()).isFalse();
    }
  }

  @Test
  void shouldNotLetAPersonConfirmWhatSoftwareHasStoppedSeeing() {
    Evaluation stale =
        new Evaluation("DB-03", "PASS", NOW.minusDays(2), NOW.minusDays(1), "key-service", "{}");

    assertThat(ControlStatusResolver.resolve(AUTO_ATTEST, stale, new Attestation(), NOW))
        .isEqualTo(new Resolution(ControlStatus.UNKNOWN, ControlStatus.UNKNOWN, true, false));
    assertThat(
            ControlStatusResolver.resolve(
                    AUTO_ATTEST, evaluation("UNKNOWN", 1), new Attestation(), NOW)
                .status())
        .isEqualTo(ControlStatus.UNKNOWN);
  }

  private static ControlDefinition control(String kind, Integer attestationDays) {
    return new ControlDefinition("X-01", "Test", "A control", "gateway", kind, attestationDays);
  }

  /** An evaluation made an hour ago, valid for the given number of hours from now. */
  private static Evaluation evaluation(String status, int validForHours) {
    return new Evaluation(
        "X-01",
        status,
        NOW.minusHours(1),
        NOW.plusHours(validForHours),
        "gateway",
        "{\"summary\":\"test\"}");
  }
}
