package dev.vigil.keys.reencryption;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Drives running re-encryption jobs batch by batch. Jobs are rows, so a restarted service (or
 * another replica) picks them up where the last committed batch left them.
 */
@ApplicationScoped
public class ReencryptionRunner {

  private static final Logger LOG = Logger.getLogger(ReencryptionRunner.class);

  private final Reencryptions reencryptions;

  ReencryptionRunner(Reencryptions reencryptions) {
    this.reencryptions = reencryptions;
  }

  @Scheduled(
      identity = "reencryption",
      every = "${vigil.keys.reencryption.poll-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> runPending() {
    return Panache.withSession(
            () ->
                ReencryptionJob.<ReencryptionJob>list(
                        "state = ?1 order by id", ReencryptionJob.State.RUNNING.name())
                    .map(jobs -> jobs.stream().map(job -> job.id).toList()))
        .chain(
            ids ->
                Multi.createFrom()
                    .iterable(ids)
                    .onItem()
                    .transformToUniAndConcatenate(this::drain)
                    .collect()
                    .last())
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            failure -> {
              // The open batch rolled back; the next round resumes from the last committed one.
              LOG.warnf("Re-encryption interrupted, resuming next round: %s", failure.toString());
              return Uni.createFrom().voidItem();
            });
  }

  private Uni<Void> drain(long jobId) {
    return Multi.createBy()
        .repeating()
        .uni(() -> reencryptions.runBatch(jobId))
        .whilst(more -> more)
        .collect()
        .last()
        .replaceWithVoid()
        .onFailure()
        .recoverWithUni(
            failure -> {
              // The open batch rolled back; the other jobs go on, this one resumes next round.
              LOG.warnf("Re-encryption job %d interrupted: %s", jobId, failure.toString());
              return Uni.createFrom().voidItem();
            });
  }
}
