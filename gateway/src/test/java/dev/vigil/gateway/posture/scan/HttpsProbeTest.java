package dev.vigil.gateway.posture.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.posture.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NET-02 against real HTTP and HTTPS servers on loopback. */
class HttpsProbeTest {

  @TempDir static Path dir;
  private static SSLContext serverTls;

  private HttpServer http;
  private HttpsServer https;

  @BeforeAll
  static void certificates() throws Exception {
    Path keystore = TestCertificates.serverKeyStore(dir, 30);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, "changeit".toCharArray());
    serverTls = SSLContext.getInstance("TLS");
    serverTls.init(factory.getKeyManagers(), null, null);
  }

  @AfterEach
  void stop() {
    if (http != null) {
      http.stop(0);
    }
    if (https != null) {
      https.stop(0);
    }
  }

  @Test
  void shouldPassWhenHttpRedirectsAndHttpsSendsALongHsts() throws IOException {
    start("max-age=31536000; includeSubDomains", true);
    HttpsProbe.Outcome outcome = probe(true).probe();
    assertThat(outcome.status()).isEqualTo(ControlStatus.PASS);
    assertThat(outcome.facts()).containsEntry("httpStatus", 301).containsEntry("httpsStatus", 200);
  }

  @Test
  void shouldFailWhenPlainHttpServesTheSiteInsteadOfRedirecting() throws IOException {
    start("max-age=31536000", false);
    HttpsProbe.Outcome outcome = probe(true).probe();
    assertThat(outcome.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(outcome.summary()).contains("does not redirect");
  }

  @Test
  void shouldFailWithoutHstsAndWarnOnAShortOne() throws IOException {
    start(null, true);
    assertThat(probe(true).probe().status()).isEqualTo(ControlStatus.FAIL);
    stop();
    start("max-age=300", true);
    HttpsProbe.Outcome shortHsts = probe(true).probe();
    assertThat(shortHsts.status()).isEqualTo(ControlStatus.WARN);
    assertThat(shortHsts.summary()).contains("300 s");
  }

  @Test
  void shouldFailWhenTheCertificateIsNotTrusted() throws IOException {
    start("max-age=31536000", true);
    HttpsProbe.Outcome outcome = probe(false).probe();
    assertThat(outcome.status()).isEqualTo(ControlStatus.FAIL);
    assertThat(outcome.facts()).containsKey("httpsError");
  }

  @Test
  void shouldReportUnknownWithNothingToProbe() {
    HttpsProbe probe = new HttpsProbe(config(Optional.empty(), 80, false));
    assertThat(probe.probe().status()).isEqualTo(ControlStatus.UNKNOWN);
  }

  private HttpsProbe probe(boolean trusted) {
    URI url = URI.create("https://localhost:" + https.getAddress().getPort() + "/");
    return new HttpsProbe(config(Optional.of(url), http.getAddress().getPort(), trusted));
  }

  private void start(String hsts, boolean redirect) throws IOException {
    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    https.createContext(
        "/",
        exchange -> {
          if (hsts != null) {
            exchange.getResponseHeaders().add("Strict-Transport-Security", hsts);
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    https.start();
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    int httpsPort = https.getAddress().getPort();
    http.createContext(
        "/",
        exchange -> {
          if (redirect) {
            exchange.getResponseHeaders().add("Location", "https://localhost:" + httpsPort + "/");
            exchange.sendResponseHeaders(301, -1);
          } else {
            exchange.sendResponseHeaders(200, -1);
          }
          exchange.close();
        });
    http.start();
  }

  private static PostureConfig.HttpsProbeConfig config(
      Optional<URI> url, int httpPort, boolean trusted) {
    return new PostureConfig.HttpsProbeConfig() {
      @Override
      public Optional<URI> url() {
        return url;
      }

      @Override
      public int httpPort() {
        return httpPort;
      }

      @Override
      public Duration timeout() {
        return Duration.ofSeconds(5);
      }

      @Override
      public Optional<Path> trustStore() {
        return trusted ? Optional.of(dir.resolve("truststore.p12")) : Optional.empty();
      }

      @Override
      public Optional<String> trustStorePassword() {
        return Optional.of("changeit");
      }
    };
  }
}
