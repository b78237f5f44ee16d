package dev.vigil.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Known answers: external verifiers rely on these exact bytes (docs/audit-log.md). */
class CanonicalFormTest {

  private static final ChainEntry ENTRY =
      entry("{\"z\":[{\"b\":1,\"a\":true}],\"method\":\"password\",\"A\":null}");

  private static ChainEntry entry(String details) {
    return new ChainEntry(
        "p0",
        7,
        "0b6f1f2e-6a53-4b0e-9f57-1d1c2a3b4c5d",
        "/platform/portal",
        "2026-11-29T10:15:00.000123Z",
        "alice",
        "user",
        "Alice Ä",
        "auth.signin.failed",
        "app",
        "portal",
        null,
        "failure",
        "203.0.113.7",
        "curl/8",
        "org-1",
        null,
        CanonicalForm.parse(details),
        CanonicalForm.GENESIS,
        null);
  }

  @Test
  void shouldWriteSortedCompactUtf8() {
    assertThat(new String(CanonicalForm.bytes(ENTRY), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"action\":\"auth.signin.failed\",\"actor\":{\"displayName\":\"Alice Ä\",\"id\":\"alice\","
                + "\"type\":\"user\"},\"chain\":\"p0\",\"correlationId\":null,\"details\":{\"A\":null,"
                + "\"method\":\"password\",\"z\":[{\"a\":true,\"b\":1}]},"
                + "\"eventId\":\"0b6f1f2e-6a53-4b0e-9f57-1d1c2a3b4c5d\","
                + "\"occurredAt\":\"2026-11-29T10:15:00.000123Z\",\"organization\":\"org-1\","
                + "\"outcome\":\"failure\",\"prevHash\":\""
                + CanonicalForm.GENESIS
                + "\",\"seq\":7,\"source\":\"/platform/portal\",\"sourceAddress\":\"203.0.113.7\","
                + "\"target\":{\"id\":\"portal\",\"name\":null,\"type\":\"app\"},\"userAgent\":\"curl/8\"}");
  }

  @Test
  void shouldHashTheCanonicalBytes() {
    assertThat(CanonicalForm.hash(ENTRY))
        .isEqualTo(CanonicalForm.sha256(CanonicalForm.bytes(ENTRY)))
        .isEqualTo(EXPECTED_HASH);
  }

  @Test
  void shouldWriteCharactersOutsideTheBmpAsUtf8() {
    ChainEntry entry = entry("{\"note\":\"ok \\uD83D\\uDE00\"}");
    String text = new String(CanonicalForm.bytes(entry), StandardCharsets.UTF_8);
    assertThat(text).contains("\"note\":\"ok \uD83D\uDE00\"").doesNotContain("\\u");
    assertThat(CanonicalForm.hash(entry))
        .isEqualTo(CanonicalForm.sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldWriteTimestampsInUtcWithMicroseconds() {
    OffsetDateTime time = OffsetDateTime.of(2026, 3, 4, 1, 2, 3, 45_678_912, ZoneOffset.ofHours(2));
    assertThat(CanonicalForm.timestamp(time)).isEqualTo("2026-03-03T23:02:03.045678Z");
    assertThat(CanonicalForm.parseTimestamp("2026-03-03T23:02:03.045678Z"))
        .isEqualTo(time.withOffsetSameInstant(ZoneOffset.UTC).withNano(45_678_000));
    assertThat(CanonicalForm.timestamp(OffsetDateTime.of(987, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)))
        .isEqualTo("0987-01-01T00:00:00.000000Z");
  }

  private static final String EXPECTED_HASH =
      "b9533bda6cb021a445618549ab8337e6fbc0a7f3bac640739ab67014e27b75c4";
}
