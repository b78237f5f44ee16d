package dev.vigil.gateway.posture.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretLikenessTest {

  @Test
  void shouldSplitNamesIntoWords() {
    assertThat(SecretLikeness.words("VIGIL_DB_PASSWORD"))
        .containsExactly("VIGIL", "DB", "PASSWORD");
    assertThat(SecretLikeness.words("oauth2ClientSecret"))
        .containsExactly("OAUTH2", "CLIENT", "SECRET");
    assertThat(SecretLikeness.words("APIKey")).containsExactly("API", "KEY");
    assertThat(SecretLikeness.words("db.password-file")).containsExactly("DB", "PASSWORD", "FILE");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "VIGIL_DB_PASSWORD", "DB_PASSWD", "MYSQL_PWD", "JWT_SECRET", "GITHUB_TOKEN", "API_KEY",
        "apiKey", "APIKEY", "PRIVATE_KEY", "AWS_SECRET_ACCESS_KEY", "CREDENTIALS", "HASH_PEPPER",
        "PASSWORD_SALT", "SENTRY_DSN", "clientSecret"
      })
  void shouldCallSecretLikeNamesSecret(String name) {
    assertThat(SecretLikeness.secretName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "KEYCLOAK_URL",
        "VIGIL_ROUTES_KEYS",
        "MONKEY",
        "TOKENIZER_MODE",
        "VIGIL_DB_USER",
        "OIDC_TOKEN_URL",
        "DB_PASSWORD_FILE",
        "TOKEN_TTL_SECONDS",
        "AUTH_SECRET_ROTATION_ENABLED",
        "AWS_ACCESS_KEY_ID",
        "SECRET_NAME",
        "SIGNING_KEY_ALGORITHM"
      })
  void shouldNotCallDescriptiveNamesSecret(String name) {
    assertThat(SecretLikeness.secretName(name)).isFalse();
  }

  @Test
  void shouldTellValuesThatLookLikeSecrets() {
    assertThat(SecretLikeness.secretValue("X", "-----BEGIN PRIVATE KEY-----\nMIIE"))
        .contains("a PEM block");
    assertThat(SecretLikeness.secretValue("X", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"))
        .contains("a JSON Web Token");
    assertThat(SecretLikeness.secretValue("X", "postgres://vigil:hunter2@db:5432/vigil"))
        .contains("a URL with a password");
    assertThat(SecretLikeness.secretValue("X", "0123456789abcdef0123456789ABCDEF"))
        .contains("a long hex string, like a key");
  }

  @Test
  void shouldNotTakeReferencesHashesOrPlainUrlsForSecrets() {
    assertThat(SecretLikeness.secretValue("X", "postgres://vigil:$(DB_PASSWORD)@db:5432/vigil"))
        .isEmpty();
    assertThat(SecretLikeness.secretValue("X", "https://login.microsoftonline.com")).isEmpty();
    assertThat(SecretLikeness.secretValue("GIT_COMMIT", "3f2a9c0e1b7d4a6f8e5c2b1a0d9e8f7c6b5a4d3e"))
        .isEmpty();
    assertThat(
            SecretLikeness.secretValue(
                "IMAGE",
                "ghcr.io/x@sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945"))
        .isEmpty();
    assertThat(SecretLikeness.secretValue("TENANT", "8a4c1b2e-0000-4000-8000-000000000001"))
        .isEmpty();
  }

  @Test
  void shouldNotCallFlagsOrReferencesSubstantial() {
    assertThat(SecretLikeness.substantial("true")).isFalse();
    assertThat(SecretLikeness.substantial("FALSE")).isFalse();
    assertThat(SecretLikeness.substantial("0")).isFalse();
    assertThat(SecretLikeness.substantial("")).isFalse();
    assertThat(SecretLikeness.substantial("$(OTHER_PASSWORD)")).isFalse();
    assertThat(SecretLikeness.substantial("hunter2")).isTrue();
  }

  /**
   * Counts the CPU time of the judging thread: on a busy machine the wall time says more about the
   * neighbours than about the patterns. The 10 s timeout only stops a quadratic pattern, which
   * would take hours here.
   */
  @ParameterizedTest
  @ValueSource(strings = {"a", "eyJ", "0", "ab:", "a://x:"})
  void shouldJudgeAOneMebibyteValueInWellUnderASecond(String unit) {
    String value = unit.repeat((1 << 20) / unit.length()) + "g";
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    long cpuNanos =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> {
              long started = threads.getCurrentThreadCpuTime();
              SecretLikeness.literalSecret("SETTING", value);
              return threads.getCurrentThreadCpuTime() - started;
            });

    System.out.printf("SecretLikeness on 1 MiB of \"%s\": %d ms CPU%n", unit, cpuNanos / 1_000_000);
    assertThat(Duration.ofNanos(cpuNanos)).isLessThan(Duration.ofMillis(500));
  }
}
