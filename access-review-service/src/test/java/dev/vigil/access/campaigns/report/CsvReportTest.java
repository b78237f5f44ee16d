package dev.vigil.access.campaigns.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvReportTest {

  @Test
  void shouldNeutraliseEveryLeadingFormulaCharacter() {
    assertThat(CsvReport.cell("=1+1")).isEqualTo("\"'=1+1\"");
    assertThat(CsvReport.cell("+1")).isEqualTo("\"'+1\"");
    assertThat(CsvReport.cell("-1")).isEqualTo("\"'-1\"");
    assertThat(CsvReport.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    assertThat(CsvReport.cell("\tx")).isEqualTo("\"'\tx\"");
    assertThat(CsvReport.cell("\r=x")).isEqualTo("\"'\r=x\"");
  }

  @Test
  void shouldNeutraliseAFormulaEvenWhenTheCellSpansLines() {
    assertThat(CsvReport.cell("=cmd|' /C calc'!A0\nsecond line"))
        .isEqualTo("\"'=cmd|' /C calc'!A0\nsecond line\"");
  }

  @Test
  void shouldQuoteEveryCellAndDoubleEmbeddedQuotesButLeaveOrdinaryTextAlone() {
    assertThat(CsvReport.cell("Ada, \"the\" admin")).isEqualTo("\"Ada, \"\"the\"\" admin\"");
    assertThat(CsvReport.cell("a=b")).isEqualTo("\"a=b\"");
    assertThat(CsvReport.cell("")).isEqualTo("\"\"");
    assertThat(CsvReport.cell(null)).isEmpty();
  }
}
