package dev.vigil.backups.storage;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the backup storage answers within a bounded time. */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements AsyncHealthCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final BackupStorage storage;

  StorageReadinessCheck(BackupStorage storage) {
    this.storage = storage;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return Uni.createFrom()
        .item(
            () -> {
              try {
                storage.probe();
                return HealthCheckResponse.named("Backup storage")
                    .up()
                    .withData("kind", storage.kind())
                    .build();
              } catch (Exception e) {
                return down(e.getMessage());
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .ifNoItem()
        .after(TIMEOUT)
        .recoverWithItem(() -> down("no answer within " + TIMEOUT.toSeconds() + " s"));
  }

  private HealthCheckResponse down(String reason) {
    return HealthCheckResponse.named("Backup storage")
        .down()
        .withData("kind", storage.kind())
        .withData("reason", String.valueOf(reason))
        .build();
  }
}
