package dev.vigil.keys.slots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyMaterialTest {

  @Test
  void shouldGenerateDistinctWellFormedKeys() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String key = KeyMaterial.generate();
      assertThat(key).matches("[0-9a-f]{64}");
      assertThat(KeyMaterial.weakness(key)).isNull();
      keys.add(key);
    }
    assertThat(keys).hasSize(1000);
  }

  @Test
  void shouldNameWhatIsWrongWithAValue() {
    assertThat(KeyMaterial.weakness(null)).isEqualTo("not 64 lower-case hex characters");
    assertThat(KeyMaterial.weakness("ab".repeat(31))).isEqualTo("not 64 lower-case hex characters");
    assertThat(KeyMaterial.weakness(KeyMaterial.generate().toUpperCase()))
        .isEqualTo("not 64 lower-case hex characters");
    assertThat(KeyMaterial.weakness("0123456789abcdef".repeat(4)))
        .isEqualTo("a known example value");
    assertThat(KeyMaterial.weakness("00".repeat(32))).isEqualTo("repeated bytes");
    assertThat(KeyMaterial.weakness("a1b2c3".repeat(10) + "a1b2")).isEqualTo("repeated bytes");
    StringBuilder ascending = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      ascending.append(String.format("%02x", 0x40 + i));
    }
    assertThat(KeyMaterial.weakness(ascending.toString())).isEqualTo("sequential bytes");
    String fewDistinct =
        "1122334455667788" + "8877665544332211" + "1188227733664455" + "5544663377228811";
    assertThat(KeyMaterial.weakness(fewDistinct)).isEqualTo("too few distinct bytes");
  }
}
