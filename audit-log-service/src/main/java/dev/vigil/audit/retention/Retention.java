package dev.vigil.audit.retention;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.audit.chain.Checkpointer;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.EventJson;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.audit.AuditEventRecorded;
import dev.vigil.common.events.audit.AuditEventRecorded.Actor;
import dev.vigil.common.events.audit.AuditEventRecorded.Target;
import dev.vigil.common.jobs.SingleReplica;
import dev.vigil.common.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Removes entries past retention: for each chain the longest prefix whose entries were all received
 * before the cut-off and none of which is under an active legal hold; a chain's newest entry is
 * always kept. Before removing, the last removed entry is signed as a checkpoint, which anchors the
 * chain's new start so the remaining chain stays verifiable; the removal itself is recorded as an
 * audit event. This is the only path that deletes audit entries: the service's database role has no
 * DELETE right, and the {@code audit_prune} function it calls is the only thing the table trigger
 * lets through.
 */
@ApplicationScoped
public class Retention {

  /** A removal: chain, through which entry, how many entries. */
  public record Pruned(String chain, long throughSeq, long entries) {}

  private static final long LOCK_KEY = 0x5649_4749_4c52L; // "VIGILR"

  /** Entries under an active hold (parameter 1: chain, 2: now). */
  private static final String FIRST_HELD =
      "SELECT min(e.chain_seq) FROM audit_entry e JOIN audit_legal_hold h ON h.released_at IS NULL"
          + " AND (h.organization IS NULL OR h.organization = e.organization)"
          + " AND (h.from_time IS NULL OR e.occurred_at >= h.from_time)"
          + " AND (h.to_time IS NULL OR e.occurred_at < h.to_time)"
          + " WHERE e.chain_id = ?1";

  private final RetentionConfig config;
  private final Checkpointer checkpointer;
  private final Outbox outbox;
  private final EventFactory events;
  private final VigilTopics topics;

  Retention(
      RetentionConfig config,
      Checkpointer checkpointer,
      Outbox outbox,
      EventFactory events,
      VigilTopics topics) {
    this.config = config;
    this.checkpointer = checkpointer;
    this.outbox = outbox;
    this.events = events;
    this.topics = topics;
  }

  @Scheduled(
      identity = "audit-retention",
      every = "${vigil.audit.retention.check-interval:1h}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return prune(OffsetDateTime.now(ZoneOffset.UTC).minus(config.period())).replaceWithVoid();
  }

  /** Removes what was received before {@code cutoff} and is not held. */
  public Uni<List<Pruned>> prune(OffsetDateTime cutoff) {
    return SingleReplica.inTransaction(
        LOCK_KEY, session -> pruneChains(session, cutoff), List::<Pruned>of);
  }

  private Uni<List<Pruned>> pruneChains(Mutiny.Session session, OffsetDateTime cutoff) {
    return session
        .createNativeQuery("SELECT chain_id FROM audit_chain_head ORDER BY chain_id", String.class)
        .getResultList()
        .chain(
            chains ->
                Multi.createFrom()
                    .iterable(chains)
                    .onItem()
                    .transformToUniAndConcatenate(chain -> pruneChain(session, chain, cutoff))
                    .filter(p -> p.entries() > 0)
                    .collect()
                    .asList());
  }

  private Uni<Pruned> pruneChain(Mutiny.Session session, String chain, OffsetDateTime cutoff) {
    return session
        .createNativeQuery(
            // Each chain keeps at least its newest entry, so its head stays verifiable against the
            // last checkpoint (a chain emptied completely would look truncated).
            "SELECT least(coalesce(max(chain_seq), 0), (SELECT seq - 1 FROM audit_chain_head WHERE chain_id = ?1))"
                + " FROM audit_entry WHERE chain_id = ?1 AND received_at < ?2",
            Long.class)
        .setParameter(1, chain)
        .setParameter(2, cutoff)
        .getSingleResult()
        .chain(
            expired ->
                session
                    .createNativeQuery(FIRST_HELD, Long.class)
                    .setParameter(1, chain)
                    .getSingleResult()
                    .map(
                        firstHeld ->
                            firstHeld == null ? expired : Math.min(expired, firstHeld - 1)))
        .chain(
            through -> {
              if (through <= 0) {
                return Uni.createFrom().item(new Pruned(chain, 0, 0));
              }
              // Nothing to do when that prefix is gone already (a held entry now starts the chain).
              return session
                  .createNativeQuery(
                      "SELECT min(chain_seq) FROM audit_entry WHERE chain_id = ?1", Long.class)
                  .setParameter(1, chain)
                  .getSingleResult()
                  .chain(
                      oldest ->
                          oldest == null || through < oldest
                              ? Uni.createFrom().item(new Pruned(chain, through, 0))
                              : anchor(session, chain, through)
                                  .chain(() -> delete(session, chain, through, cutoff)));
            });
  }

  private Uni<Void> anchor(Mutiny.Session session, String chain, long through) {
    return session
        .createNativeQuery(
            "SELECT entry_hash FROM audit_entry WHERE chain_id = ?1 AND chain_seq = ?2",
            String.class)
        .setParameter(1, chain)
        .setParameter(2, through)
        .getSingleResult()
        .chain(
            hash ->
                checkpointer.write(
                    session, chain, through, hash, OffsetDateTime.now(ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  private Uni<Pruned> delete(
      Mutiny.Session session, String chain, long through, OffsetDateTime cutoff) {
    // The service's role has no DELETE right on the log; audit_prune (owner's rights) removes
    // the prefix, and only up to the checkpoint anchor() has just written.
    return session
        .createNativeQuery("SELECT audit_prune(?1, ?2)", Long.class)
        .setParameter(1, chain)
        .setParameter(2, through)
        .getSingleResult()
        .chain(
            removed ->
                record(chain, through, removed, cutoff)
                    .replaceWith(new Pruned(chain, through, removed)));
  }

  private Uni<Void> record(String chain, long through, long removed, OffsetDateTime cutoff) {
    ObjectNode details =
        EventJson.MAPPER
            .createObjectNode()
            .put("chain", chain)
            .put("throughSeq", through)
            .put("entriesRemoved", removed)
            .put("receivedBefore", cutoff.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    AuditEventRecorded data =
        new AuditEventRecorded(
            OffsetDateTime.now(ZoneOffset.UTC),
            new Actor("audit-log-service", "system", "Retention"),
            "audit.log.pruned",
            new Target("audit-chain", chain, null),
            "success",
            null,
            null,
            null,
            null,
            details);
    return outbox.enqueue(topics.audit(), events.create("audit-log-service", data));
  }
}
