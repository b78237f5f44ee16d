package dev.vigil.audit.integrity;

import dev.vigil.audit.search.AuditReads;
import dev.vigil.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Proves the stored audit log has not been altered, reordered, truncated or extended by forgery.
 */
@Path("/api/v1/audit/verify")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class VerifyResource {

  private final AuditVerification verification;
  private final AuditReads reads;
  private final VerificationPermits permits;
  private final VerifyConfig config;

  VerifyResource(
      AuditVerification verification,
      AuditReads reads,
      VerificationPermits permits,
      VerifyConfig config) {
    this.verification = verification;
    this.reads = reads;
    this.permits = permits;
    this.config = config;
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "Verify the hash chains and signed checkpoints",
      description =
          "ok, or the first broken entry and why (hash mismatch, gap, reorder, broken link, signature invalid, checkpoint mismatch, missing tail, unpinned key)."
              + " Verifications are bounded per replica (vigil.audit.verify.concurrent): beyond that, 429 with Retry-After.")
  public Uni<VerificationReport> verify(
      @Parameter(description = "Only entries received at or after this instant (RFC 3339)")
          @QueryParam("from")
          OffsetDateTime from,
      @Parameter(description = "Only entries received before this instant (RFC 3339)")
          @QueryParam("to")
          OffsetDateTime to) {
    if (!permits.tryAcquire()) {
      throw new WebApplicationException(
          "a verification is already running; try again later",
          Response.status(429)
              .header(HttpHeaders.RETRY_AFTER, Long.toString(config.retryAfter().toSeconds()))
              .build());
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", from == null ? null : from.toString());
    details.put("to", to == null ? null : to.toString());
    return verification
        .verify(from, to)
        .onTermination()
        .invoke(permits::release)
        .call(report -> reads.record("audit.log.verified", details));
  }
}
