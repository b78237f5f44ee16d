package dev.vigil.audit.search;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters of an audit search; all optional and combined with AND. */
public class SearchFilters {

  @Parameter(description = "Entries that occurred at or after (RFC 3339)")
  @QueryParam("from")
  public OffsetDateTime from;

  @Parameter(description = "Entries that occurred before (RFC 3339)")
  @QueryParam("to")
  public OffsetDateTime to;

  @Parameter(description = "Actor id")
  @QueryParam("actor")
  public String actor;

  @Parameter(description = "Action prefix, e.g. auth.signin")
  @QueryParam("action")
  public String action;

  @Parameter(description = "Target id")
  @QueryParam("target")
  public String target;

  @Parameter(description = "success, failure, denied or error")
  @QueryParam("outcome")
  public String outcome;

  @Parameter(description = "Source address, or a network in CIDR notation (203.0.113.0/24)")
  @QueryParam("source")
  public String source;

  @Parameter(description = "Organization")
  @QueryParam("organization")
  public String organization;

  @Parameter(description = "Correlation id")
  @QueryParam("correlationId")
  public String correlationId;

  @Parameter(description = "Text to find in the free-form details (case-insensitive)")
  @QueryParam("text")
  public String text;

  @Parameter(description = "newest (default) or oldest first")
  @QueryParam("order")
  @DefaultValue("newest")
  public String order;

  @Parameter(description = "Cursor from the previous page's nextCursor")
  @QueryParam("cursor")
  public String cursor;

  @Parameter(description = "Page size, 1 to 500")
  @QueryParam("limit")
  @DefaultValue("50")
  public int limit;
}
