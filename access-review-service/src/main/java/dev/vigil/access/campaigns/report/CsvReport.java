package dev.vigil.access.campaigns.report;

import dev.vigil.access.campaigns.CampaignResource.ItemView;
import java.util.List;
import java.util.stream.Collectors;

/** The items of a campaign report as RFC 4180 CSV, one row per item. */
final class CsvReport {

  static final String HEADER =
      "source,kind,subjectId,subject,roles,recommendation,reasons,decision,justification,"
          + "decidedBy,decidedAt,revocation,revocationError";

  private CsvReport() {}

  static String render(CampaignReport report) {
    StringBuilder out = new StringBuilder(256 + report.items().size() * 200);
    out.append(HEADER).append("\r\n");
    for (ItemView item : report.items()) {
      out.append(
              String.join(
                  ",",
                  cell(item.source()),
                  cell(item.kind()),
                  cell(item.subjectId()),
                  cell(item.subject()),
                  cell(joined(item.roles())),
                  cell(item.recommendation()),
                  cell(joined(item.reasons())),
                  cell(item.decision()),
                  cell(item.justification()),
                  cell(item.decidedBy()),
                  cell(item.decidedAt() == null ? null : item.decidedAt().toString()),
                  cell(item.revocation()),
                  cell(item.revocationError())))
          .append("\r\n");
    }
    return out.toString();
  }

  /**
   * Quotes every cell. Names, justifications and reasons come from reviewers and from the platform,
   * so a cell a spreadsheet would read as a formula (first character {@code = + - @}, tab or
   * carriage return) is prefixed with an apostrophe: the auditor sees the text, nothing runs.
   */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String safe = value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
    return "\"" + safe.replace("\"", "\"\"") + "\"";
  }

  private static String joined(List<String> values) {
    return values == null ? null : values.stream().collect(Collectors.joining("; "));
  }
}
