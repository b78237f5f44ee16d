package dev.vigil.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.audit.verify.CheckpointSignatures;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckpointSignerTest {

  @Test
  void shouldRefuseToStartWithoutASigningKeyWhereNoEphemeralKeyIsAllowed() {
    assertThatThrownBy(() -> new CheckpointSigner(config(null, null, List.of(), false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("vigil.audit.checkpoint.private-key and public-key are required");
  }

  @Test
  void shouldPinTheConfiguredKeyAndTheEarlierOnesOnly() throws Exception {
    KeyPair current = pair();
    KeyPair earlier = pair();
    CheckpointSigner signer =
        new CheckpointSigner(
            config(
                base64(current.getPrivate().getEncoded()),
                base64(current.getPublic().getEncoded()),
                List.of(base64(earlier.getPublic().getEncoded())),
                false));
    assertThat(signer.pinnedKeys())
        .containsOnlyKeys(
            CheckpointSignatures.keyId(current.getPublic()),
            CheckpointSignatures.keyId(earlier.getPublic()));
  }

  @Test
  void shouldPinOnlyTheGeneratedKeyWhereAnEphemeralKeyIsAllowed() {
    CheckpointSigner signer = new CheckpointSigner(config(null, null, List.of(), true));
    assertThat(signer.pinnedKeys()).containsOnlyKeys(signer.keyId());
  }

  private static KeyPair pair() throws Exception {
    return KeyPairGenerator.getInstance(CheckpointSignatures.ALGORITHM).generateKeyPair();
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static CheckpointConfig config(
      String privateKey, String publicKey, List<String> trusted, boolean ephemeralAllowed) {
    return new CheckpointConfig() {
      @Override
      public int everyEntries() {
        return 1000;
      }

      @Override
      public Duration everyInterval() {
        return Duration.ofSeconds(60);
      }

      @Override
      public Duration checkInterval() {
        return Duration.ofSeconds(5);
      }

      @Override
      public Optional<String> privateKey() {
        return Optional.ofNullable(privateKey);
      }

      @Override
      public Optional<String> publicKey() {
        return Optional.ofNullable(publicKey);
      }

      @Override
      public Optional<List<String>> trustedPublicKeys() {
        return Optional.of(trusted);
      }

      @Override
      public boolean ephemeralKeyAllowed() {
        return ephemeralAllowed;
      }
    };
  }
}
