package dev.vigil.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.kafka.KafkaTestBroker;
import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A path the router would resolve differently from how it was sent (percent-encoded letters, dot
 * segments, doubled slashes, matrix parameters) is refused before anything serves it, so the call
 * audit and the rate limits, which look at the path as sent, never see an API call they miss.
 */
@QuarkusTest
class CanonicalPathTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/%61pi/v1/checklist",
        "/./api/v1/checklist",
        "/api/./v1/checklist",
        "/api/v1/%63hecklist",
        "/api/v1/x/../checklist",
        "/api/v1/x/%2e%2e/checklist",
        "/q/../api/v1/checklist",
        "//api/v1/checklist",
        "/api;x=1/v1/checklist"
      })
  void shouldRefuseANonCanonicalPathWithAProblem(String rawPath) throws Exception {
    String token = EntraIdTestResource.tokens().user("pathfinder", "Vigil.Auditor").sign();

    RawHttp.Answer answer = RawHttp.get(rawPath, token);

    assertThat(answer.status()).as("status of GET %s", rawPath).isEqualTo(400);
    assertThat(answer.head()).containsIgnoringCase("content-type: application/problem+json");
    assertThat(answer.body()).contains("non-canonical-path").doesNotContain("controls");
  }

  @Test
  void shouldStillServeTheCanonicalPath() throws Exception {
    String token = EntraIdTestResource.tokens().user("pathfinder", "Vigil.Auditor").sign();

    assertThat(RawHttp.get("/api/v1/checklist", token).status()).isEqualTo(200);
    assertThat(RawHttp.get("/api/v1/checklist?status=FAIL", token).status()).isEqualTo(200);
  }

  @Test
  void shouldAuditTheRefusal() throws Exception {
    ConsumerTask<String, byte[]> audit =
        KafkaTestBroker.running()
            .companion()
            .consume(String.class, byte[].class)
            .fromTopics("vigil.audit");
    String marker = UUID.randomUUID().toString().substring(0, 8);

    RawHttp.get("/%61pi/v1/checklist?probe=" + marker, null);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                audit.getRecords().stream()
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8).replace(" ", ""))
                    .anyMatch(
                        v ->
                            v.contains("\"action\":\"api.path.refused\"")
                                && v.contains("\"id\":\"/%61pi/v1/checklist\"")
                                && v.contains("\"status\":400")));
  }
}
