package dev.vigil.access.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.access.AccessConfig;
import dev.vigil.access.snapshot.SourceKind;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a revocation asks for, by source and by the disable-on-revoke setting. */
class RevocationActionsTest {

  private static Revocations revocations(boolean disable) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(AccessConfig.class)
            // Quarkus' own Duration syntax ("90d"), as the application reads it.
            .withConverter(Duration.class, 100, new DurationConverter())
            .withDefaultValue(
                "vigil.access.disable-entra-accounts-on-revoke", String.valueOf(disable))
            .build();
    return new Revocations(
        null, null, null, null, null, config.getConfigMapping(AccessConfig.class));
  }

  @Test
  void shouldKeepTheEntraAccountEnabledByDefault() {
    assertThat(revocations(false).actions(SourceKind.ENTRA, CampaignItem.ACCOUNT))
        .containsExactly("REMOVE_ROLES", "REVOKE_SESSIONS");
  }

  @Test
  void shouldAlsoDisableTheEntraAccountWhenConfigured() {
    assertThat(revocations(true).actions(SourceKind.ENTRA, CampaignItem.ACCOUNT))
        .containsExactly("REMOVE_ROLES", "REVOKE_SESSIONS", "DISABLE");
  }

  @Test
  void shouldDisablePlatformAccountsAndRevokeKeysWhateverTheSetting() {
    assertThat(revocations(false).actions(SourceKind.PLATFORM, CampaignItem.ACCOUNT))
        .containsExactly("DISABLE");
    assertThat(revocations(true).actions(SourceKind.PLATFORM, CampaignItem.API_KEY))
        .containsExactly("REVOKE_API_KEY");
  }
}
