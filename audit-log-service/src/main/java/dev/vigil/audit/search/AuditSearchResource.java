package dev.vigil.audit.search;

import dev.vigil.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Searches the audit log. Every search is itself recorded in the log. */
@Path("/api/v1/audit/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditSearchResource {

  private final AuditSearch search;
  private final AuditReads reads;

  AuditSearchResource(AuditSearch search, AuditReads reads) {
    this.search = search;
    this.reads = reads;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "Search audit entries by occurred-at, newest or oldest first, page by page")
  public Uni<AuditSearch.Page> list(@BeanParam SearchFilters filters) {
    return search
        .search(filters)
        .call(page -> reads.record("audit.log.searched", describe(filters, page.entries().size())));
  }

  private static Map<String, Object> describe(SearchFilters f, int results) {
    Map<String, Object> d = new LinkedHashMap<>();
    put(d, "from", f.from);
    put(d, "to", f.to);
    put(d, "actor", f.actor);
    put(d, "action", f.action);
    put(d, "target", f.target);
    put(d, "outcome", f.outcome);
    put(d, "source", f.source);
    put(d, "organization", f.organization);
    put(d, "correlationId", f.correlationId);
    put(d, "text", f.text);
    d.put("order", f.order);
    d.put("results", results);
    return d;
  }

  private static void put(Map<String, Object> details, String name, Object value) {
    if (value != null) {
      details.put(name, value.toString());
    }
  }
}
