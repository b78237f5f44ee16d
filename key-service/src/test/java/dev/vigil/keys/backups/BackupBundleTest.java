package dev.vigil.keys.backups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BackupBundleTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
  private static final BackupBundle.Kdf LIMIT = new BackupBundle.Kdf(1024, 2, 2);

  @Test
  void shouldOpenABundleWithinTheCostLimit() throws Exception {
    JsonNode bundle = sealed(new BackupBundle.Kdf(1024, 2, 2));

    BackupBundle.Opened opened = BackupBundle.open(bundle, PASSPHRASE, LIMIT);

    assertThat(opened.entries())
        .containsExactly(new BackupBundle.Entry("AUTH_SECRET", 1, "PRIMARY", "ab".repeat(32)));
  }

  @Test
  void shouldRefuseAHeaderAskingForMoreMemoryThanTheLimit() throws Exception {
    assertRefused(sealed(new BackupBundle.Kdf(2048, 1, 1)), "memory");
  }

  @Test
  void shouldRefuseAHeaderAskingForMorePassesThanTheLimit() throws Exception {
    assertRefused(sealed(new BackupBundle.Kdf(64, 3, 1)), "passes");
  }

  @Test
  void shouldRefuseAHeaderAskingForMoreLanesThanTheLimit() throws Exception {
    assertRefused(sealed(new BackupBundle.Kdf(64, 1, 3)), "lanes");
  }

  private static void assertRefused(JsonNode bundle, String what) {
    assertThatThrownBy(() -> BackupBundle.open(bundle, PASSPHRASE, LIMIT))
        .isInstanceOf(BackupBundle.InvalidBundleException.class)
        .hasMessageContaining("exceeds this service's limit")
        .hasMessageContaining(what);
  }

  private static JsonNode sealed(BackupBundle.Kdf cost) throws Exception {
    return JSON.readTree(
        BackupBundle.seal(
            new BackupBundle.Header(
                UUID.randomUUID(),
                "prod",
                "2026-12-03T00:00:00Z",
                Map.of("AUTH_SECRET", List.of(1))),
            List.of(new BackupBundle.Entry("AUTH_SECRET", 1, "PRIMARY", "ab".repeat(32))),
            PASSPHRASE,
            cost));
  }
}
