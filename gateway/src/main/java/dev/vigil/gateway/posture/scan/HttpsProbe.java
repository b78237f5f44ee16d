package dev.vigil.gateway.posture.scan;

import dev.vigil.common.compliance.ControlStatus;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * NET-02: plain HTTP must redirect to HTTPS, and HTTPS must answer with a valid certificate and
 * send HSTS. An HSTS max-age under 180 days warns.
 */
public class HttpsProbe {

  static final String CONTROL = "NET-02";
  static final long MIN_HSTS_SECONDS = 180L * 24 * 3600;
  private static final Pattern MAX_AGE = Pattern.compile("max-age\\s*=\\s*\"?(\\d+)");

  /** What the probe found; facts go into the evidence. */
  public record Outcome(ControlStatus status, String summary, Map<String, Object> facts) {}

  private final PostureConfig.HttpsProbeConfig config;
  private final HttpClient client;

  public HttpsProbe(PostureConfig.HttpsProbeConfig config) {
    this.config = config;
    this.client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(config.timeout())
            .sslContext(sslContext(config))
            .build();
  }

  /**
   * Probes the configured URL, or reports UNKNOWN. Never a host read from the cluster: whoever may
   * write an Ingress in a scanned namespace would choose where the gateway sends requests.
   */
  public Outcome probe() {
    Optional<URI> target = config.url();
    if (target.isEmpty()) {
      return new Outcome(
          ControlStatus.UNKNOWN,
          "No URL to probe: set vigil.posture.https-probe.url to the platform's https address.",
          Map.of());
    }
    URI https = target.get();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("url", https.toString());
    if (!"https".equals(https.getScheme())) {
      return new Outcome(ControlStatus.FAIL, "The probed URL is not https.", facts);
    }
    boolean redirects = redirectsToHttps(https, facts);
    Long hsts = hstsMaxAge(https, facts);
    if (!redirects || hsts == null) {
      return new Outcome(
          ControlStatus.FAIL,
          !redirects
              ? "Plain HTTP does not redirect to HTTPS."
              : "HTTPS does not answer with a valid certificate and an HSTS header.",
          facts);
    }
    if (hsts < MIN_HSTS_SECONDS) {
      return new Outcome(
          ControlStatus.WARN,
          "HTTP redirects to HTTPS, but HSTS max-age is under 180 days (" + hsts + " s).",
          facts);
    }
    return new Outcome(
        ControlStatus.PASS,
        "HTTP redirects to HTTPS, and HTTPS sends HSTS for " + hsts + " s.",
        facts);
  }

  private boolean redirectsToHttps(URI https, Map<String, Object> facts) {
    URI http = URI.create("http://" + https.getHost() + ":" + config.httpPort() + pathOf(https));
    facts.put("httpUrl", http.toString());
    try {
      HttpResponse<Void> response = send(http);
      facts.put("httpStatus", response.statusCode());
      Optional<String> location = response.headers().firstValue("Location");
      location.ifPresent(l -> facts.put("httpLocation", l));
      return isRedirect(response.statusCode())
          && location.map(l -> redirectsToSameHost(l, https)).orElse(false);
    } catch (IOException e) {
      facts.put("httpError", e.getClass().getSimpleName());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      facts.put("httpError", "interrupted");
      return false;
    }
  }

  private Long hstsMaxAge(URI https, Map<String, Object> facts) {
    try {
      HttpResponse<Void> response = send(https);
      facts.put("httpsStatus", response.statusCode());
      Optional<String> hsts = response.headers().firstValue("Strict-Transport-Security");
      facts.put("hsts", hsts.orElse(null));
      return hsts.map(MAX_AGE::matcher)
          .filter(Matcher::find)
          .map(m -> Long.parseLong(m.group(1)))
          .orElse(null);
    } catch (IOException e) {
      // A handshake failure (untrusted or expired certificate) lands here.
      facts.put("httpsError", e.getClass().getSimpleName());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      facts.put("httpsError", "interrupted");
      return null;
    }
  }

  private HttpResponse<Void> send(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.timeout()).GET().build();
    // The request timeout covers only the wait for headers; a body that never ends (the target
    // may be any Ingress host) must not hold the scan, so the whole exchange gets a deadline.
    CompletableFuture<HttpResponse<Void>> exchange =
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      return exchange.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException("no complete answer within " + config.timeout());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }

  private static boolean redirectsToSameHost(String location, URI https) {
    try {
      URI target = URI.create(location);
      return "https".equals(target.getScheme())
          && https.getHost().equalsIgnoreCase(target.getHost());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static String pathOf(URI uri) {
    return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
  }

  private static SSLContext sslContext(PostureConfig.HttpsProbeConfig config) {
    try {
      if (config.trustStore().isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(config.trustStore().get())) {
        trust.load(in, config.trustStorePassword().map(String::toCharArray).orElse(null));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot load vigil.posture.https-probe.trust-store: " + e.getClass().getSimpleName(), e);
    }
  }
}
