package dev.vigil.common.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CorrelationIdTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"incident-42", "a", "00000000-0000-0000-0000-000000000000", "trace:1.2_3"})
  void shouldAcceptASafeIdAsSent(String incoming) {
    assertThat(CorrelationId.acceptOrCreate(incoming)).isEqualTo(incoming);
  }

  @Test
  void shouldAcceptSixtyFourCharactersButNotSixtyFive() {
    String longest = "x".repeat(64);
    assertThat(CorrelationId.acceptOrCreate(longest)).isEqualTo(longest);
    assertThat(CorrelationId.acceptOrCreate(longest + "x")).isNotEqualTo(longest + "x");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "has space",
        "line\nbreak",
        "forged\r\nX-Admin: yes",
        "quote\"d",
        "semi;colon",
        "slash/ed",
        "ünïcode",
        "{\"json\":1}"
      })
  void shouldReplaceAMissingOrUnsafeIdWithAFreshUuid(String incoming) {
    String id = CorrelationId.acceptOrCreate(incoming);

    assertThat(id).isNotEqualTo(incoming);
    assertThat(UUID.fromString(id).toString()).isEqualTo(id);
  }

  @Test
  void shouldCreateADifferentIdEachTime() {
    assertThat(CorrelationId.acceptOrCreate(null)).isNotEqualTo(CorrelationId.acceptOrCreate(null));
  }
}
