package dev.vigil.access.campaigns.report;

import dev.vigil.access.campaigns.CampaignResource.ItemView;
import dev.vigil.common.report.Html;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders a campaign report as one HTML file with no external resources, the way the gateway
 * renders the checklist report: it must open the same when filed years later, so the only style
 * sheet is inline and allowed by its hash, and nothing else may load or run.
 */
final class HtmlReport {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
  private static final String STYLE =
      Html.BASE_STYLE
          + ".REVOKE{color:#cf222e;font-weight:700}.KEEP,.APPROVE{color:#1a7f37}"
          + ".MODIFY{color:#9a6700}";

  private final String html;

  private HtmlReport(String html) {
    this.html = html;
  }

  String html() {
    return html;
  }

  /** Lets the inline style sheet apply and nothing else load or run. */
  static String contentSecurityPolicy() {
    return Html.contentSecurityPolicy(STYLE);
  }

  static HtmlReport render(CampaignReport report) {
    StringBuilder out = new StringBuilder(16 * 1024 + report.items().size() * 400);
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Vigil access review — ")
        .append(Html.escape(report.definition()))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n<h1>Access review report</h1>\n<table class=\"meta\">");
    row(out, "Campaign", report.campaignId().toString());
    row(out, "Definition", report.definition());
    row(out, "Scope", report.scope().name());
    row(out, "State", report.state());
    row(out, "Started", time(report.startedAt()) + " by " + report.startedBy());
    row(out, "Due", time(report.dueAt()));
    row(
        out,
        "Closed",
        report.closedAt() == null ? "open" : time(report.closedAt()) + " by " + report.closedBy());
    row(out, "Generated", time(report.generatedAt()) + " by " + report.generatedBy());
    row(out, "Digest", report.digest());
    out.append("</table>\n<h2>Summary</h2><table><tr>");
    report
        .summary()
        .keySet()
        .forEach(k -> out.append("<th>").append(Html.escape(k)).append("</th>"));
    out.append("</tr><tr>");
    report.summary().values().forEach(v -> out.append("<td>").append(v).append("</td>"));
    out.append("</tr></table>\n<h2>Items</h2>\n");
    if (report.items().isEmpty()) {
      out.append("<p>The campaign reviewed nothing.</p>\n");
    } else {
      out.append("<table><tr><th>Source</th><th>Subject</th><th>Roles</th>")
          .append("<th>Recommendation</th><th>Decision</th><th>Revocation</th></tr>\n");
      report.items().forEach(item -> item(out, item));
      out.append("</table>\n");
    }
    out.append("<p class=\"small\">Produced by Vigil access-review-service. The JSON and CSV")
        .append(" forms of this report carry the same items; the JSON form the same digest.</p>\n")
        .append("</body></html>\n");
    return new HtmlReport(out.toString());
  }

  private static void item(StringBuilder out, ItemView item) {
    out.append("<tr><td>")
        .append(Html.escape(item.source()))
        .append("<div class=\"small\">")
        .append(Html.escape(item.kind()))
        .append("</div></td><td>")
        .append(Html.escape(item.subject()))
        .append("<div class=\"small\">")
        .append(Html.escape(item.subjectId()))
        .append("</div></td><td>")
        .append(Html.escape(joined(item.roles())))
        .append("</td><td class=\"")
        .append(Html.escape(item.recommendation()))
        .append("\">")
        .append(Html.escape(item.recommendation()))
        .append("<div class=\"small\">")
        .append(Html.escape(joined(item.reasons())))
        .append("</div></td><td class=\"")
        .append(Html.escape(item.decision()))
        .append("\">")
        .append(item.decision() == null ? "undecided" : Html.escape(item.decision()));
    if (item.decidedBy() != null) {
      out.append("<div class=\"small\">")
          .append(Html.escape(item.decidedBy()))
          .append(", ")
          .append(time(item.decidedAt()))
          .append("</div>");
    }
    if (item.justification() != null) {
      out.append("<div class=\"small\">")
          .append(Html.escape(item.justification()))
          .append("</div>");
    }
    out.append("</td><td>").append(Html.escape(item.revocation()));
    if (item.revocationError() != null) {
      out.append("<div class=\"small\">")
          .append(Html.escape(item.revocationError()))
          .append("</div>");
    }
    out.append("</td></tr>\n");
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("<tr><td>")
        .append(Html.escape(name))
        .append("</td><td>")
        .append(Html.escape(value))
        .append("</td></tr>");
  }

  private static String joined(List<String> values) {
    return values == null ? "" : String.join(", ", values);
  }

  private static String time(OffsetDateTime time) {
    return time == null ? "" : TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }
}
