package dev.vigil.audit.chain;

import dev.vigil.audit.verify.CanonicalForm;
import dev.vigil.audit.verify.Checkpoint;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.audit.CheckpointSigned;
import dev.vigil.common.jobs.SingleReplica;
import dev.vigil.common.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Signs each chain's head every N entries or T seconds, stores the checkpoint and publishes it
 * (through the outbox) to the checkpoint topic, so parties outside Vigil can hold them. One replica
 * signs at a time (advisory lock).
 */
@ApplicationScoped
public class Checkpointer {

  private static final long LOCK_KEY = 0x5649_4749_4c43L; // "VIGILC"

  private static final String DUE_HEADS =
      "SELECT h.chain_id, h.seq, h.entry_hash, c.seq AS last_seq, c.created_at AS last_at"
          + " FROM audit_chain_head h LEFT JOIN LATERAL (SELECT seq, created_at FROM audit_checkpoint"
          + " WHERE chain_id = h.chain_id ORDER BY seq DESC LIMIT 1) c ON true"
          + " WHERE h.seq > coalesce(c.seq, 0)";

  private final CheckpointConfig config;
  private final CheckpointSigner signer;
  private final Outbox outbox;
  private final EventFactory events;
  private final VigilTopics topics;

  Checkpointer(
      CheckpointConfig config,
      CheckpointSigner signer,
      Outbox outbox,
      EventFactory events,
      VigilTopics topics) {
    this.config = config;
    this.signer = signer;
    this.outbox = outbox;
    this.events = events;
    this.topics = topics;
  }

  @Scheduled(
      identity = "audit-checkpoints",
      every = "${vigil.audit.checkpoint.check-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> scheduled() {
    return checkpointDueChains(false).replaceWithVoid();
  }

  /**
   * Signs the heads that are due (or, with {@code force}, every head that moved).
   *
   * @return the checkpoints written
   */
  public Uni<List<Checkpoint>> checkpointDueChains(boolean force) {
    return SingleReplica.inTransaction(
        LOCK_KEY, session -> signDue(session, force), List::<Checkpoint>of);
  }

  private Uni<List<Checkpoint>> signDue(Mutiny.Session session, boolean force) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return session
        .createNativeQuery(DUE_HEADS, Object[].class)
        .getResultList()
        .chain(
            heads ->
                Multi.createFrom()
                    .iterable(heads)
                    .filter(head -> force || due(head, now))
                    .onItem()
                    .transformToUniAndConcatenate(head -> write(session, head, now))
                    .collect()
                    .asList());
  }

  private boolean due(Object[] head, OffsetDateTime now) {
    long seq = ((Number) head[1]).longValue();
    long lastSeq = head[3] == null ? 0 : ((Number) head[3]).longValue();
    if (seq - lastSeq >= config.everyEntries() || head[4] == null) {
      return true;
    }
    OffsetDateTime lastAt = OffsetDateTime.parse((String) head[4]);
    return Duration.between(lastAt, now).compareTo(config.everyInterval()) >= 0;
  }

  private Uni<Checkpoint> write(Mutiny.Session session, Object[] head, OffsetDateTime now) {
    return write(session, (String) head[0], ((Number) head[1]).longValue(), (String) head[2], now);
  }

  /**
   * Signs, stores and publishes a checkpoint of entry {@code seq} of a chain, inside the caller's
   * transaction. Retention uses it to anchor a chain's new start before removing its head.
   */
  public Uni<Checkpoint> write(
      Mutiny.Session session, String chain, long seq, String hash, OffsetDateTime now) {
    Checkpoint checkpoint = signer.sign(chain, seq, hash, CanonicalForm.timestamp(now));
    return session
        .createNativeQuery(
            "INSERT INTO audit_signing_key (key_id, public_key, first_used) VALUES (?1, ?2, now())"
                + " ON CONFLICT DO NOTHING")
        .setParameter(1, signer.keyId())
        .setParameter(2, signer.publicKeyBase64())
        .executeUpdate()
        .chain(
            () ->
                session
                    .createNativeQuery(
                        "INSERT INTO audit_checkpoint (chain_id, seq, entry_hash, created_at, key_id, signature)"
                            + " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (chain_id, seq) DO NOTHING")
                    .setParameter(1, checkpoint.chain())
                    .setParameter(2, checkpoint.seq())
                    .setParameter(3, checkpoint.hash())
                    .setParameter(4, checkpoint.createdAt())
                    .setParameter(5, checkpoint.keyId())
                    .setParameter(6, checkpoint.signature())
                    .executeUpdate())
        .chain(
            () ->
                outbox.enqueue(
                    topics.auditCheckpoints(),
                    events.create(
                        checkpoint.chain(),
                        new CheckpointSigned(
                            checkpoint.chain(),
                            checkpoint.seq(),
                            checkpoint.hash(),
                            checkpoint.createdAt(),
                            checkpoint.keyId(),
                            checkpoint.signature(),
                            signer.publicKeyBase64()))))
        .replaceWith(checkpoint);
  }
}
