package dev.vigil.audit.ingest;

/** The audit event type this service ingests. */
public final class AuditEvents {

  /** Published by the platform and by Vigil's own services on the audit topic. */
  public static final String RECORDED = "dev.vigil.audit.event-recorded.v1";

  private AuditEvents() {}
}
