package dev.vigil.access.campaigns.report;

import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A campaign's report, as JSON, CSV or one self-contained HTML file. */
@Path("/api/v1/access-reviews/campaigns/{id}/report")
@Tag(name = "Access review campaigns")
public class CampaignReportResource {

  static final MediaType CSV = new MediaType("text", "csv");

  private final CampaignReports reports;
  private final AuditTrail audit;
  private final StepUp stepUp;
  private final SecurityIdentity identity;

  CampaignReportResource(
      CampaignReports reports, AuditTrail audit, StepUp stepUp, SecurityIdentity identity) {
    this.reports = reports;
    this.audit = audit;
    this.stepUp = stepUp;
    this.identity = identity;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Produces({MediaType.APPLICATION_JSON, "text/csv", MediaType.TEXT_HTML})
  @Operation(
      summary = "Export a campaign's report: JSON, CSV or one self-contained HTML file (step-up)",
      description =
          "format=json|csv|html, or the first Accept type; JSON by default. An export of review"
              + " evidence: Admin or Auditor with step-up, and audited.")
  public Uni<Response> report(
      @PathParam("id") UUID id,
      @QueryParam("format") String format,
      @Context HttpHeaders headers,
      HttpServerResponse response) {
    stepUp.require(identity);
    String chosen = format(format, headers);
    Caller caller = Caller.of(identity);
    return Panache.withTransaction(
            () ->
                reports
                    .of(id, caller)
                    .call(
                        report ->
                            audit.record(
                                caller,
                                "access.campaign.report.exported",
                                AuditTrail.target(
                                    "access-campaign", report.campaignId(), report.definition()),
                                Map.of(
                                    "format",
                                    chosen,
                                    "items",
                                    report.items().size(),
                                    "digest",
                                    report.digest()))))
        .map(report -> render(report, chosen, response));
  }

  private static Response render(
      CampaignReport report, String format, HttpServerResponse response) {
    String file = "vigil-access-review-" + report.campaignId();
    return switch (format) {
      case "csv" ->
          Response.ok(CsvReport.render(report), CSV.withCharset("UTF-8"))
              .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".csv\"")
              .build();
      case "html" -> {
        // Replaces the API-wide policy rather than adding a second header, which browsers would
        // intersect with it.
        response.headers().set("Content-Security-Policy", HtmlReport.contentSecurityPolicy());
        yield Response.ok(
                HtmlReport.render(report).html(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
            .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + file + ".html\"")
            .build();
      }
      default -> Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    };
  }

  private static String format(String format, HttpHeaders headers) {
    if (format != null) {
      if (!format.equals("json") && !format.equals("csv") && !format.equals("html")) {
        throw new BadRequestException("format: json, csv or html");
      }
      return format;
    }
    return headers.getAcceptableMediaTypes().stream()
        .findFirst()
        .filter(type -> !type.isWildcardType())
        .map(
            type ->
                type.isCompatible(MediaType.TEXT_HTML_TYPE)
                    ? "html"
                    : type.isCompatible(CSV) ? "csv" : "json")
        .orElse("json");
  }
}
