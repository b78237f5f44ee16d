package dev.vigil.gateway.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.oidc.EntraIdTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RateLimitsTest.TightLimits.class)
class RateLimitsTest {

  public static class TightLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "vigil.edge.per-principal.burst", "3",
          "vigil.edge.per-principal.per-second", "1",
          "vigil.edge.per-source.burst", "6",
          "vigil.edge.per-source.per-second", "10");
    }
  }

  @Test
  void shouldLimitEachCallerAndLetThemBackAfterRetryAfter() throws Exception {
    Thread.sleep(1000); // the shared source bucket is full again whatever ran before
    String token = EntraIdTestResource.tokens().user("busy", "Vigil.Auditor").sign();
    Response limited = null;
    for (int i = 0; i < 10 && limited == null; i++) {
      Response response = given().auth().oauth2(token).get("/api/v1/checklist");
      if (response.statusCode() == 429) {
        limited = response;
      } else {
        assertThat(response.statusCode()).isEqualTo(200);
      }
    }
    assertThat(limited).as("a 429 within 10 quick calls").isNotNull();
    assertThat(limited.contentType()).startsWith("application/problem+json");
    assertThat(limited.jsonPath().getString("detail")).contains("caller");
    long retryAfter = Long.parseLong(limited.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 3L);

    // Another caller is not held back by this one.
    String other = EntraIdTestResource.tokens().user("calm", "Vigil.Auditor").sign();
    Thread.sleep(700); // the shared source bucket refills at 10/s
    given().auth().oauth2(other).get("/api/v1/checklist").then().statusCode(200);

    Thread.sleep(retryAfter * 1000 + 100);
    given().auth().oauth2(token).get("/api/v1/checklist").then().statusCode(200);
  }

  @Test
  void shouldLimitASourceAddressEvenWithoutAValidToken() throws Exception {
    Thread.sleep(1000);
    List<Response> answers =
        concurrently(30, () -> given().auth().oauth2("not-a-token").get("/api/v1/checklist"));

    assertThat(answers).extracting(Response::statusCode).containsOnly(401, 429).contains(429);
    Response limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst().get();
    assertThat(limited.header("Retry-After")).isNotBlank();
    assertThat(limited.jsonPath().getString("detail")).contains("source address");
  }

  @Test
  void shouldCountRefusedNonCanonicalPathsAgainstTheSourceAddress() throws Exception {
    Thread.sleep(1000);
    List<RawHttp.Answer> answers = concurrently(30, () -> RawHttp.get("/%61pi/v1/checklist", null));

    assertThat(answers).extracting(RawHttp.Answer::status).containsOnly(400, 429).contains(429);
  }

  @Test
  void shouldLimitAClientWhateverItWritesLeftOfItsProxysHop() throws Exception {
    Thread.sleep(1000);
    AtomicInteger spoofed = new AtomicInteger();
    List<Response> answers =
        concurrently(
            30,
            () ->
                given()
                    .auth()
                    .oauth2("not-a-token")
                    .header(
                        "X-Forwarded-For",
                        "198.51.100." + spoofed.incrementAndGet() + ", 203.0.113.9")
                    .get("/api/v1/checklist"));

    assertThat(answers)
        .extracting(Response::statusCode)
        .as("rotating the hops left of the proxy's does not escape the limit")
        .contains(429);
  }

  /** Sends the calls at once: sequential calls on a busy machine may be slower than the refill. */
  private static <T> List<T> concurrently(int calls, Callable<T> call) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(calls);
    try {
      List<T> answers = new ArrayList<>();
      for (Future<T> answer : threads.invokeAll(Collections.nCopies(calls, call))) {
        answers.add(answer.get());
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }
}
