package dev.vigil.common.outbox;

import dev.vigil.common.inbox.InboxConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Deletes sent outbox rows and old inbox markers once their retention has passed. */
@ApplicationScoped
public class OutboxHousekeeping {

  private final Pool pool;
  private final OutboxConfig outbox;
  private final InboxConfig inbox;

  OutboxHousekeeping(Pool pool, OutboxConfig outbox, InboxConfig inbox) {
    this.pool = pool;
    this.outbox = outbox;
    this.inbox = inbox;
  }

  @Scheduled(identity = "vigil-outbox-housekeeping", every = "1h", delayed = "1m")
  Uni<Void> prune() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return pool.preparedQuery("DELETE FROM vigil_outbox WHERE sent_at < $1")
        .execute(Tuple.of(now.minus(outbox.sentRetention())))
        .chain(
            () ->
                pool.preparedQuery("DELETE FROM vigil_inbox WHERE processed_at < $1")
                    .execute(Tuple.of(now.minus(inbox.retention()))))
        .replaceWithVoid();
  }
}
