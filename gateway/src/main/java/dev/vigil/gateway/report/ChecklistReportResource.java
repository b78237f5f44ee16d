package dev.vigil.gateway.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.gateway.attestations.ExceptionView;
import dev.vigil.gateway.attestations.RiskException;
import dev.vigil.gateway.checklist.ChecklistAssembler;
import dev.vigil.gateway.checklist.ChecklistView;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The checklist report for a point in time, as JSON or as one self-contained HTML file. */
@Path("/api/v1/checklist/report")
@Tag(name = "Checklist")
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
public class ChecklistReportResource {

  private static final ObjectMapper CANONICAL =
      new ObjectMapper()
          .findAndRegisterModules()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  private final ChecklistAssembler assembler;
  private final SecurityIdentity identity;

  ChecklistReportResource(ChecklistAssembler assembler, SecurityIdentity identity) {
    this.assembler = assembler;
    this.identity = identity;
  }

  @GET
  @WithSession
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
  @Operation(
      summary = "The checklist report for a point in time (JSON or HTML)",
      description =
          "at (ISO-8601, default now) chooses the moment: evaluations, attestations and exceptions"
              + " are taken as they stood then. format=html or Accept: text/html gives one"
              + " self-contained HTML file an auditor can file; otherwise JSON.")
  public Uni<Response> report(
      @QueryParam("at") OffsetDateTime at,
      @QueryParam("format") String format,
      @jakarta.ws.rs.core.Context HttpHeaders headers,
      HttpServerResponse response) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (at != null && at.isAfter(now)) {
      throw new BadRequestException("at must not be in the future");
    }
    boolean html = wantsHtml(format, headers);
    Uni<ChecklistView> view =
        at == null
            ? assembler.live(c -> true)
            : assembler.at(at.withOffsetSameInstant(ZoneOffset.UTC), c -> true);
    return view.chain(
            checklist ->
                RiskException.<RiskException>list(
                        "acceptedAt <= ?1 and expiresAt > ?1",
                        Sort.ascending("controlId", "acceptedAt"),
                        checklist.asOf())
                    .map(
                        exceptions ->
                            new ChecklistReport(
                                checklist.asOf(),
                                now,
                                Caller.of(identity).id(),
                                checklist,
                                exceptions.stream()
                                    .filter(e -> e.activeAt(checklist.asOf()))
                                    .map(ExceptionView::of)
                                    .toList(),
                                digest(checklist))))
        .map(
            report -> {
              ChecklistView checklist = report.checklist();
              if (!html) {
                return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
              }
              HtmlReport page = HtmlReport.render(report);
              // Replaces the API-wide policy (added before this method runs) rather than adding a
              // second header, which browsers would intersect with it.
              response.headers().set("Content-Security-Policy", page.contentSecurityPolicy());
              return Response.ok(page.html(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                  .header(
                      HttpHeaders.CONTENT_DISPOSITION,
                      "inline; filename=\"vigil-checklist-"
                          + checklist.asOf().toInstant().toString().replace(':', '-')
                          + ".html\"")
                  .build();
            });
  }

  private static boolean wantsHtml(String format, HttpHeaders headers) {
    if (format != null) {
      return switch (format) {
        case "html" -> true;
        case "json" -> false;
        default -> throw new BadRequestException("format must be html or json");
      };
    }
    return headers.getAcceptableMediaTypes().stream()
        .findFirst()
        .map(type -> type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardType())
        .orElse(false);
  }

  static String digest(ChecklistView checklist) {
    try {
      byte[] canonical =
          CANONICAL.writeValueAsBytes(
              Map.of(
                  "asOf", checklist.asOf().toInstant().toString(),
                  "summary", checklist.summary(),
                  "controls", checklist.controls()));
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot digest the report", e);
    }
  }
}
