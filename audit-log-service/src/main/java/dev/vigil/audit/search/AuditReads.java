package dev.vigil.audit.search;

import dev.vigil.common.audit.AuditTrail;
import dev.vigil.common.security.Caller;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Reading the audit log is itself audited: every search, verification and export is recorded as an
 * audit event (through the outbox, so it is chained like any other entry), naming the caller's
 * {@code oid}, {@code azp} and {@code tid}.
 */
@ApplicationScoped
public class AuditReads {

  private final SecurityIdentity identity;
  private final AuditTrail trail;

  AuditReads(SecurityIdentity identity, AuditTrail trail) {
    this.identity = identity;
    this.trail = trail;
  }

  /** Records that the caller read the log; {@code details} name filters, never entry contents. */
  public Uni<Void> record(String action, Map<String, Object> details) {
    Caller caller = Caller.of(identity);
    return Panache.withTransaction(
        () ->
            trail.record(
                caller, action, AuditTrail.target("audit-log", "audit-log", null), details));
  }
}
