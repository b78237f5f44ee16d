package dev.vigil.audit.chain;

import dev.vigil.audit.ingest.AuditEntry;
import dev.vigil.audit.verify.CanonicalForm;
import dev.vigil.audit.verify.ChainEntry;
import dev.vigil.common.events.CloudEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Appends audit events to their hash chain inside the caller's transaction. The chain's head row is
 * locked for the append, so a chain grows one entry at a time even across replicas.
 */
@ApplicationScoped
public class AuditLedger {

  private static final String ENSURE_HEAD =
      "INSERT INTO audit_chain_head (chain_id, seq, entry_hash, updated_at) VALUES (?1, 0, ?2, now())"
          + " ON CONFLICT DO NOTHING";
  private static final String LOCK_HEAD =
      "SELECT seq, entry_hash FROM audit_chain_head WHERE chain_id = ?1 FOR UPDATE";
  private static final String MOVE_HEAD =
      "UPDATE audit_chain_head SET seq = ?2, entry_hash = ?3, updated_at = now() WHERE chain_id = ?1";

  /** Appends the event as the chain's next entry and returns the stored row. */
  public Uni<AuditEntry> append(CloudEvent event, String chain) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(ENSURE_HEAD)
                    .setParameter(1, chain)
                    .setParameter(2, CanonicalForm.GENESIS)
                    .executeUpdate()
                    .chain(
                        () ->
                            session
                                .createNativeQuery(LOCK_HEAD, Object[].class)
                                .setParameter(1, chain)
                                .getSingleResult())
                    .chain(
                        head -> {
                          long seq = ((Number) head[0]).longValue() + 1;
                          ChainEntry entry =
                              ChainEntries.fromEvent(event, chain, seq, (String) head[1]);
                          AuditEntry row = ChainEntries.toEntity(entry);
                          return row.<AuditEntry>persist()
                              .call(
                                  () ->
                                      session
                                          .createNativeQuery(MOVE_HEAD)
                                          .setParameter(1, chain)
                                          .setParameter(2, seq)
                                          .setParameter(3, entry.hash())
                                          .executeUpdate());
                        }));
  }
}
