package dev.vigil.gateway.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.compliance.Evidence;
import dev.vigil.common.security.EntraIdConfig;
import dev.vigil.gateway.checklist.OwnControlEvaluator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * AUTH-04: SSO with Microsoft Entra ID is configured and working. Checks the live configuration:
 * the tenant is pinned (a directory GUID, not {@code common}/{@code organizations}), the audience
 * is set, and the tenant's discovery document and signing keys are reachable and consistent.
 */
@ApplicationScoped
public class EntraSsoEvaluator implements OwnControlEvaluator {

  static final String CONTROL = "AUTH-04";
  private static final Logger LOG = Logger.getLogger(EntraSsoEvaluator.class);
  private static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EntraIdConfig entra;
  private final ComplianceReporter reporter;
  private final SsoEvaluationConfig config;
  private final HttpClient http;

  EntraSsoEvaluator(EntraIdConfig entra, ComplianceReporter reporter, SsoEvaluationConfig config) {
    this.entra = entra;
    this.reporter = reporter;
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Scheduled(
      identity = "auth-04-evaluation",
      every = "${vigil.sso.evaluation-interval:5m}",
      delayed = "${vigil.sso.initial-delay:10s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void evaluateAndReport() throws Throwable {
    ControlEvaluation evaluation = evaluateNow().get(0);
    VertxContextSupport.subscribeAndAwait(
        () -> Panache.withTransaction(() -> reporter.reportIfChanged(evaluation)));
  }

  @Override
  public List<ControlEvaluation> evaluateNow() {
    return List.of(evaluate(entra.authority(), entra.tenantId(), entra.clientId()));
  }

  /** Evaluates the given Entra ID settings by fetching the tenant's metadata. */
  ControlEvaluation evaluate(String authority, String tenantId, String clientId) {
    Map<String, Object> facts = new LinkedHashMap<>();
    boolean tenantPinned = tenantId != null && GUID.matcher(tenantId).matches();
    boolean audienceSet = clientId != null && !clientId.isBlank();
    facts.put("tenantPinned", tenantPinned);
    facts.put("audienceConfigured", audienceSet);
    String expectedIssuer = authority + "/" + tenantId + "/v2.0";
    facts.put("expectedIssuer", expectedIssuer);

    boolean discoveryOk = false;
    boolean issuerMatches = false;
    boolean signingKeys = false;
    try {
      JsonNode discovery = fetch(expectedIssuer + "/.well-known/openid-configuration");
      discoveryOk = true;
      issuerMatches = expectedIssuer.equals(discovery.path("issuer").asText());
      JsonNode jwks = fetch(discovery.path("jwks_uri").asText());
      int keys = jwks.path("keys").size();
      facts.put("signingKeys", keys);
      signingKeys = keys > 0;
    } catch (IOException | IllegalArgumentException e) {
      facts.put("metadataError", e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      facts.put("metadataError", "interrupted");
    }
    facts.put("discoveryReachable", discoveryOk);
    facts.put("issuerMatchesTenant", issuerMatches);

    boolean pass = tenantPinned && audienceSet && discoveryOk && issuerMatches && signingKeys;
    String summary =
        pass
            ? "Entra ID tenant is pinned, the audience is set, and the tenant's metadata and signing keys are reachable."
            : "Entra ID SSO is not fully working: see the facts that are false.";
    if (!pass) {
      LOG.warnf("AUTH-04 fails: %s", facts);
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return new ControlEvaluation(
        CONTROL,
        pass ? ControlStatus.PASS : ControlStatus.FAIL,
        now,
        now.plus(config.validity()),
        "gateway",
        new Evidence(summary, facts, List.of(expectedIssuer)));
  }

  private JsonNode fetch(String url) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + url);
    }
    return JSON.readTree(response.body());
  }
}
