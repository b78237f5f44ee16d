package dev.vigil.gateway.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.compliance.Evidence;
import dev.vigil.common.events.access.PlatformAppObserved;
import dev.vigil.common.security.EntraIdConfig;
import dev.vigil.gateway.checklist.OwnControlEvaluator;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * AUTH-04: SSO with Microsoft Entra ID is configured and working. Checks the live configuration:
 * the tenant is pinned (a directory GUID, not {@code common}/{@code organizations}), the audience
 * is set, and the tenant's discovery document and signing keys are reachable and consistent; and
 * folds in the platform side, access-review-service's newest observation of the platform's
 * enterprise application ({@link PlatformApplicationCheck}, facts under {@code
 * platformApplication}). PASS only when both sides pass.
 */
@ApplicationScoped
public class EntraSsoEvaluator implements OwnControlEvaluator {

  static final String CONTROL = "AUTH-04";
  private static final Logger LOG = Logger.getLogger(EntraSsoEvaluator.class);
  private static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GATEWAY_FAILS =
      "Entra ID SSO is not fully working: see the facts that are false";

  private final EntraIdConfig entra;
  private final ComplianceReporter reporter;
  private final SsoEvaluationConfig config;
  private final PlatformApplicationCheck platform;
  private final HttpClient http;

  EntraSsoEvaluator(EntraIdConfig entra, ComplianceReporter reporter, SsoEvaluationConfig config) {
    this.entra = entra;
    this.reporter = reporter;
    this.config = config;
    this.platform =
        new PlatformApplicationCheck(
            config.platformObservationMaxAge(), config.credentialExpiryWarning());
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

  /** Evaluates and reports on a worker thread, at once: a new observation has arrived. */
  void reevaluate() {
    Infrastructure.getDefaultWorkerPool()
        .execute(
            () -> {
              try {
                evaluateAndReport();
              } catch (Throwable e) {
                LOG.warnf("AUTH-04 re-evaluation failed: %s", e.toString());
              }
            });
  }

  @Override
  public List<ControlEvaluation> evaluateNow() {
    return List.of(
        evaluate(
            entra.authority(),
            entra.tenantId(),
            entra.clientId(),
            observation(entra.tenantId()),
            OffsetDateTime.now(ZoneOffset.UTC)));
  }

  /** The newest stored observation of the tenant's platform application, or null. Blocking. */
  private PlatformAppObserved observation(String tenantId) {
    try {
      PlatformAppObservation held =
          VertxContextSupport.subscribeAndAwait(
              () ->
                  Panache.withSession(
                      () -> PlatformAppObservation.<PlatformAppObservation>findById(tenantId)));
      return held == null ? null : held.data();
    } catch (Throwable e) {
      throw new IllegalStateException("the platform application observation could not be read", e);
    }
  }

  /**
   * Evaluates the given Entra ID settings by fetching the tenant's metadata, with the platform side
   * from {@code observed} (null: none has arrived).
   */
  ControlEvaluation evaluate(
      String authority,
      String tenantId,
      String clientId,
      PlatformAppObserved observed,
      OffsetDateTime now) {
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

    boolean gatewayPasses =
        tenantPinned && audienceSet && discoveryOk && issuerMatches && signingKeys;
    PlatformApplicationCheck.Result platformSide = platform.check(observed, tenantId, now);
    Map<String, Object> platformFacts = new LinkedHashMap<>();
    platformFacts.put("status", platformSide.status().name());
    platformFacts.putAll(platformSide.facts());
    facts.put("platformApplication", platformFacts);

    ControlStatus status = gatewayPasses ? platformSide.status() : ControlStatus.FAIL;
    List<String> reasons = new ArrayList<>();
    if (!gatewayPasses) {
      reasons.add(GATEWAY_FAILS);
    }
    reasons.addAll(platformSide.reasons());
    String summary =
        status == ControlStatus.PASS
            ? "Entra ID tenant is pinned, the audience is set, the tenant's metadata and signing"
                + " keys are reachable, and the platform's enterprise application is enabled,"
                + " requires assignment, has valid credentials and was signed in to in the last 30"
                + " days."
            : String.join("; ", reasons) + ".";
    if (status != ControlStatus.PASS) {
      LOG.warnf("AUTH-04 is %s: %s", status, summary);
    }
    return new ControlEvaluation(
        CONTROL,
        status,
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
