package dev.vigil.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvCellTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "=HYPERLINK(\"https://evil.example\",\"x\")",
        "=1+2\nsecond line",
        "+cmd|' /C calc'!A0\n",
        "-2+3\r\n",
        "@SUM(A1)\n",
        "\t=1\n",
        "\r=1\n"
      })
  void shouldNeutraliseAFormulaWhateverFollowsTheFirstCharacter(String value) {
    assertThat(CsvCell.of(value)).startsWith("\"'" + value.charAt(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "198.51.100.7", "a=b\n=c", " =1"})
  void shouldLeaveOtherValuesAsTheyAre(String value) {
    assertThat(CsvCell.of(value)).isEqualTo("\"" + value + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"say \"hi\"", "=\"x\"\n"})
  void shouldDoubleQuotesInsideTheCell(String value) {
    assertThat(CsvCell.of(value)).endsWith("\"").contains("\"\"");
  }
}
