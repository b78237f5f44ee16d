package dev.vigil.common.jobs;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** Blocking or CPU-heavy work kept off the event loop. */
public final class Workers {

  private Workers() {}

  /**
   * Runs {@code work} on a worker thread and delivers its result back on the caller's Vert.x
   * context (when there is one), where a reactive database session may continue.
   */
  public static <T> Uni<T> offload(Supplier<T> work) {
    Context context = Vertx.currentContext();
    Uni<T> uni =
        Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    return context == null ? uni : uni.emitOn(task -> context.runOnContext(ignored -> task.run()));
  }
}
