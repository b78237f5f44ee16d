package dev.vigil.audit.search;

import dev.vigil.audit.ingest.AuditEntry;
import dev.vigil.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Reads the audit log, newest first, with keyset pagination that is stable under inserts. */
@Path("/api/v1/audit/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditSearchResource {

  static final int MAX_LIMIT = 500;

  /** A page of entries and the cursor for the next one ({@code null} at the end). */
  public record AuditPage(List<AuditEntryView> entries, Long nextBefore) {}

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "List audit entries, newest first")
  public Uni<AuditPage> list(
      @Parameter(
              description = "Only entries whose action starts with this prefix, e.g. auth.signin")
          @QueryParam("action")
          String actionPrefix,
      @Parameter(description = "Only entries by this actor id") @QueryParam("actor") String actorId,
      @Parameter(description = "Cursor: only entries with a sequence below this (from nextBefore)")
          @QueryParam("before")
          Long before,
      @Parameter(description = "Page size, 1 to 500") @QueryParam("limit") @DefaultValue("50")
          int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT);
    }
    List<String> clauses = new ArrayList<>();
    Parameters params = new Parameters();
    if (actionPrefix != null && !actionPrefix.isBlank()) {
      clauses.add("action like :action");
      params.and("action", actionPrefix + "%");
    }
    if (actorId != null && !actorId.isBlank()) {
      clauses.add("actorId = :actor");
      params.and("actor", actorId);
    }
    if (before != null) {
      clauses.add("id < :before");
      params.and("before", before);
    }
    String query = clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
    return AuditEntry.<AuditEntry>find(query, Sort.descending("id"), params)
        .page(Page.ofSize(limit + 1))
        .list()
        .map(
            rows -> {
              boolean more = rows.size() > limit;
              List<AuditEntryView> page =
                  rows.stream().limit(limit).map(AuditEntryView::of).toList();
              return new AuditPage(page, more ? page.get(page.size() - 1).sequence() : null);
            });
  }
}
