package dev.vigil.audit.export;

/** One CSV cell as spreadsheet users open it. */
final class CsvCell {

  private CsvCell() {}

  private static final String FORMULA_STARTS = "=+-@\t\r";

  /**
   * RFC 4180 quoting; a value whose first character starts a formula is neutralised for spreadsheet
   * users. Only the first character counts: whatever follows (a line break included) cannot undo
   * it.
   */
  static String of(String value) {
    if (value == null) {
      return "";
    }
    boolean formula = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0;
    String safe = formula ? "'" + value : value;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }
}
