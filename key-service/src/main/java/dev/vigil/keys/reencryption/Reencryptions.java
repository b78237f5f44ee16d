package dev.vigil.keys.reencryption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.keys.KeyEvents;
import dev.vigil.keys.KeysConfig;
import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.slots.KeyRing;
import dev.vigil.keys.slots.KeyRing.SlotKeys;
import dev.vigil.keys.slots.KeyVersionsChanged;
import dev.vigil.keys.slots.KeyVersionsChanged.Change;
import dev.vigil.keys.transit.Envelope;
import dev.vigil.keys.transit.Transit;
import dev.vigil.keys.vault.StoredCredential;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Re-encryption of the vault after a rotation. Each batch is one transaction that locks the job,
 * takes the next credentials still under an older version (locked, so a concurrent write waits),
 * rewraps them in memory and writes them back with the job's progress. A crash at any point rolls
 * back the open batch only: a credential is either at its old version or at the target, never lost
 * and never encrypted twice (a rewrap always decrypts under the version the ciphertext names).
 */
@ApplicationScoped
public class Reencryptions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String NEXT_BATCH =
      "SELECT id, name, ciphertext FROM stored_credential"
          + " WHERE environment_id = ?1 AND slot = ?2 AND id > ?5"
          + " AND key_version < ?3 AND rewrap_error IS NULL"
          + " ORDER BY id LIMIT ?4 FOR UPDATE";

  private static final String WRITE_REWRAPPED =
      "UPDATE stored_credential c SET ciphertext = v.ciphertext, key_version = ?2,"
          + " updated_at = now()"
          + " FROM jsonb_to_recordset(CAST(CAST(?1 AS text) AS jsonb)) AS v(id bigint, ciphertext text)"
          + " WHERE c.id = v.id";

  private static final String WRITE_FAILED =
      "UPDATE stored_credential c SET rewrap_error = v.error"
          + " FROM jsonb_to_recordset(CAST(CAST(?1 AS text) AS jsonb)) AS v(id bigint, error text)"
          + " WHERE c.id = v.id";

  private static final String CLEAR_ERRORS =
      "UPDATE stored_credential SET rewrap_error = NULL"
          + " WHERE environment_id = ?1 AND slot = ?2 AND rewrap_error IS NOT NULL";

  private static final String REMAINING =
      "SELECT count(*) FROM stored_credential"
          + " WHERE environment_id = ?1 AND slot = ?2 AND key_version < ?3 AND rewrap_error IS NULL";

  private final KeyRing ring;
  private final KeyEvents events;
  private final KeysConfig config;
  private final Event<ReencryptionFinished> finished;

  Reencryptions(
      KeyRing ring, KeyEvents events, KeysConfig config, Event<ReencryptionFinished> finished) {
    this.ring = ring;
    this.events = events;
    this.config = config;
    this.finished = finished;
  }

  /**
   * A promoted version is the vault's new target: re-encryption starts in the promoting
   * transaction, before the controls judge the rotation.
   */
  void onVersionsChanged(@Observes @Priority(ChainedEvent.CHANGES) KeyVersionsChanged changed) {
    if (changed.is(Change.PROMOTED, Change.REPLACED_IN_SECRET)) {
      changed.then(
          () ->
              start(
                  changed.environment(),
                  changed.slot(),
                  changed.version(),
                  changed.emergency()
                      ? ReencryptionJob.Reason.EMERGENCY
                      : ReencryptionJob.Reason.ROTATION));
    }
  }

  /**
   * Starts moving the slot's credentials to the target version, or points the running job there.
   * Needs the caller's transaction.
   */
  public Uni<ReencryptionJob> start(
      Environment environment, String slot, int target, ReencryptionJob.Reason reason) {
    return ReencryptionJob.<ReencryptionJob>find(
            "environmentId = ?1 and slot = ?2 and state = ?3",
            environment.id,
            slot,
            ReencryptionJob.State.RUNNING.name())
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResult()
        .call(() -> clearErrors(environment.id, slot))
        .chain(
            running ->
                remaining(environment.id, slot, target)
                    .chain(
                        remaining -> {
                          OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                          ReencryptionJob job = running;
                          if (job == null) {
                            job = new ReencryptionJob();
                            job.environmentId = environment.id;
                            job.slot = slot;
                            job.state = ReencryptionJob.State.RUNNING.name();
                            job.startedAt = now;
                          }
                          job.targetVersion = target;
                          job.cursorId = 0;
                          if (job.reason == null || reason == ReencryptionJob.Reason.EMERGENCY) {
                            job.reason = reason.name();
                          }
                          job.total = job.done + job.failed + remaining;
                          job.updatedAt = now;
                          job.lastEventAt = now;
                          return job.<ReencryptionJob>persist();
                        }))
        .call(job -> progressed(job, environment));
  }

  /**
   * Rewraps the job's next batch in its own transaction.
   *
   * @return whether the job may have more to do
   */
  public Uni<Boolean> runBatch(long jobId) {
    return Panache.withTransaction(
        () ->
            ReencryptionJob.<ReencryptionJob>findById(jobId, LockModeType.PESSIMISTIC_WRITE)
                .chain(
                    job -> {
                      if (job == null || !job.running()) {
                        return Uni.createFrom().item(false);
                      }
                      return Environment.<Environment>findById(job.environmentId)
                          .chain(environment -> batch(job, environment));
                    }));
  }

  private Uni<Boolean> batch(ReencryptionJob job, Environment environment) {
    return ring.keys(environment, job.slot)
        .chain(
            keys ->
                keys.primary() == job.targetVersion
                    ? Uni.createFrom().item(keys)
                    : ring.load(environment, job.slot))
        .chain(
            keys -> {
              if (keys.primary() != job.targetVersion) {
                return finish(
                    job,
                    environment,
                    keys.primary() > job.targetVersion
                        ? null
                        : "target version "
                            + job.targetVersion
                            + " is not usable: "
                            + keys.whyUnavailable(job.targetVersion),
                    keys.primary());
              }
              return Panache.getSession()
                  .chain(
                      session ->
                          session
                              .createNativeQuery(NEXT_BATCH, Object[].class)
                              .setParameter(1, job.environmentId)
                              .setParameter(2, job.slot)
                              .setParameter(3, job.targetVersion)
                              .setParameter(4, config.reencryption().batchSize())
                              .setParameter(5, job.cursorId)
                              .getResultList())
                  .chain(
                      rows -> {
                        if (rows.isEmpty()) {
                          return job.cursorId == 0
                              ? finish(job, environment, null, 0)
                              : another(job);
                        }
                        String waiting = waitingFor(keys, rows);
                        if (waiting != null) {
                          // The rows stay as they are; the next round tries again.
                          job.error = waiting + "; retrying";
                          ring.forget(environment);
                          job.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                          return Uni.createFrom().item(false);
                        }
                        job.error = null;
                        return rewrap(job, environment, keys, rows).replaceWith(true);
                      });
            });
  }

  /**
   * Why the batch must wait: a version it needs is missing from or changed in the Secret, which an
   * operator can fix. Null when every version is usable or lost for good (those rows are marked).
   */
  private static String waitingFor(SlotKeys keys, List<Object[]> rows) {
    for (Object[] row : rows) {
      try {
        int version = Envelope.parse((String) row[2]).version();
        if (keys.key(version) == null && !keys.lostForGood(version)) {
          return keys.whyUnavailable(version);
        }
      } catch (Envelope.InvalidCiphertextException e) {
        // marked on its row by rewrap
      }
    }
    return null;
  }

  private Uni<Void> rewrap(
      ReencryptionJob job, Environment environment, SlotKeys keys, List<Object[]> rows) {
    String boundTo = Transit.boundTo(environment, job.slot);
    ArrayNode rewrapped = JSON.createArrayNode();
    ArrayNode failed = JSON.createArrayNode();
    for (Object[] row : rows) {
      long id = ((Number) row[0]).longValue();
      String name = (String) row[1];
      String ciphertext = (String) row[2];
      try {
        Envelope.Parsed parsed = Envelope.parse(ciphertext);
        if (keys.key(parsed.version()) == null) {
          throw new IllegalStateException(keys.whyUnavailable(parsed.version()));
        }
        byte[] context = StoredCredential.context(name);
        byte[] plaintext = Envelope.open(keys.key(parsed.version()), boundTo, parsed, context);
        rewrapped
            .addObject()
            .put("id", id)
            .put(
                "ciphertext",
                Envelope.seal(
                    keys.key(job.targetVersion), boundTo, job.targetVersion, context, plaintext));
      } catch (Envelope.InvalidCiphertextException | IllegalStateException e) {
        failed.addObject().put("id", id).put("error", e.getMessage());
      }
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    job.cursorId = ((Number) rows.get(rows.size() - 1)[0]).longValue();
    job.done += rewrapped.size();
    job.failed += failed.size();
    job.updatedAt = now;
    boolean report =
        job.lastEventAt == null
            || !now.isBefore(job.lastEventAt.plus(config.reencryption().progressEventInterval()));
    if (report) {
      job.lastEventAt = now;
    }
    return Panache.getSession()
        .chain(
            session ->
                (rewrapped.isEmpty()
                        ? Uni.createFrom().item(0)
                        : session
                            .createNativeQuery(WRITE_REWRAPPED)
                            .setParameter(1, rewrapped.toString())
                            .setParameter(2, job.targetVersion)
                            .executeUpdate())
                    .chain(
                        () ->
                            failed.isEmpty()
                                ? Uni.createFrom().item(0)
                                : session
                                    .createNativeQuery(WRITE_FAILED)
                                    .setParameter(1, failed.toString())
                                    .executeUpdate()))
        .chain(() -> report ? progressed(job, environment) : Uni.createFrom().voidItem());
  }

  /**
   * The cursor reached the end: one more pass from the start if anything is left behind it (a
   * credential an older writer put there), else the next batch finds nothing and finishes.
   */
  private static Uni<Boolean> another(ReencryptionJob job) {
    job.cursorId = 0;
    return Uni.createFrom().item(true);
  }

  /**
   * Ends the job: completed, failed (some credentials kept their old version), or superseded by a
   * newer primary (then it continues towards that one).
   */
  private Uni<Boolean> finish(
      ReencryptionJob job, Environment environment, String error, int newerPrimary) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (error == null && newerPrimary > job.targetVersion) {
      job.targetVersion = newerPrimary;
      job.cursorId = 0;
      return remaining(job.environmentId, job.slot, newerPrimary)
          .invoke(remaining -> job.total = job.done + job.failed + remaining)
          .replaceWith(true);
    }
    job.state =
        (error != null || job.failed > 0
                ? ReencryptionJob.State.FAILED
                : ReencryptionJob.State.COMPLETED)
            .name();
    job.error =
        error != null
            ? error
            : job.failed > 0 ? job.failed + " credentials could not be rewrapped" : null;
    job.finishedAt = now;
    job.updatedAt = now;
    job.lastEventAt = now;
    return progressed(job, environment)
        .chain(() -> ChainedEvent.publish(finished, new ReencryptionFinished(job)))
        .replaceWith(false);
  }

  private static Uni<Integer> clearErrors(Long environmentId, String slot) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(CLEAR_ERRORS)
                    .setParameter(1, environmentId)
                    .setParameter(2, slot)
                    .executeUpdate());
  }

  private static Uni<Long> remaining(Long environmentId, String slot, int target) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(REMAINING, Long.class)
                    .setParameter(1, environmentId)
                    .setParameter(2, slot)
                    .setParameter(3, target)
                    .getSingleResult());
  }

  private Uni<Void> progressed(ReencryptionJob job, Environment environment) {
    return events.emit(
        environment.name + "/" + job.slot, Progress.of(job, environment.name).event());
  }
}
