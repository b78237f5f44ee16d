package dev.vigil.common.jobs;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Runs a scheduled job's work in one transaction on exactly one replica: the replica that takes the
 * job's transaction-scoped advisory lock does the work, the others skip this round.
 */
public final class SingleReplica {

  private SingleReplica() {}

  /**
   * @param lockKey the job's advisory lock key, unique per job
   * @param work what the lock holder does, inside the transaction
   * @param skipped the result on a replica that did not get the lock
   */
  public static <T> Uni<T> inTransaction(
      long lockKey, Function<Mutiny.Session, Uni<T>> work, Supplier<T> skipped) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(
                                "SELECT pg_try_advisory_xact_lock(?1)", Boolean.class)
                            .setParameter(1, lockKey)
                            .getSingleResult()
                            .chain(
                                locked ->
                                    locked
                                        ? work.apply(session)
                                        : Uni.createFrom().item(skipped))));
  }

  /**
   * Waits for the job's advisory lock in the caller's transaction, for work that must run (a
   * re-evaluation someone asked for) rather than skip: it then never overlaps the scheduled run.
   */
  public static Uni<Void> awaitLock(long lockKey) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery("SELECT pg_advisory_xact_lock(?1)")
                    .setParameter(1, lockKey)
                    .getSingleResult())
        .replaceWithVoid();
  }
}
