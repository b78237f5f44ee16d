package dev.vigil.common.health;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while a Kafka broker answers a cluster description within a bounded time. (Quarkus's
 * own check waits without a bound, so a probe would hang while the broker is down.)
 */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements AsyncHealthCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Map<String, Object> kafkaConfig;
  private volatile Admin admin;

  KafkaReadinessCheck(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
    this.kafkaConfig = kafkaConfig;
  }

  @Override
  public Uni<HealthCheckResponse> call() {
    return Uni.createFrom()
        .completionStage(
            () ->
                admin()
                    .describeCluster(
                        new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .clusterId()
                    .toCompletionStage())
        .map(
            clusterId ->
                HealthCheckResponse.named("Kafka").up().withData("clusterId", clusterId).build())
        .onFailure()
        .recoverWithItem(
            failure ->
                HealthCheckResponse.named("Kafka")
                    .down()
                    .withData("reason", failure.getClass().getSimpleName())
                    .build());
  }

  private Admin admin() {
    if (admin == null) {
      synchronized (this) {
        if (admin == null) {
          Map<String, Object> config = new HashMap<>();
          kafkaConfig.forEach(
              (key, value) -> {
                if (AdminClientConfig.configNames().contains(key)) {
                  config.put(key, value);
                }
              });
          config.put(AdminClientConfig.CLIENT_ID_CONFIG, "vigil-readiness");
          config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
          config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
          admin = Admin.create(config);
        }
      }
    }
    return admin;
  }

  @PreDestroy
  void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
    }
  }
}
