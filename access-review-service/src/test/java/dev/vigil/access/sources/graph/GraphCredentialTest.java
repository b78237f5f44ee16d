package dev.vigil.access.sources.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.vigil.access.AccessConfig;
import dev.vigil.access.AccessConfig.Graph.GraphCredentialKind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token request of each Graph credential kind, through GraphClient against a WireMock token
 * endpoint and Graph: what is sent, that a certificate assertion verifies with the certificate, and
 * that files are read again for every token request.
 */
class GraphCredentialTest {

  private static final String TOKEN_PATH = "/tenant/oauth2/v2.0/token";
  private static WireMockServer server;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void stubs() {
    server.resetAll();
    // expires_in 60: the client keeps a token 60 s less than its lifetime, so every Graph call
    // asks for a new one.
    server.stubFor(
        post(urlPathEqualTo(TOKEN_PATH))
            .willReturn(okJson("{\"access_token\":\"graph-token\",\"expires_in\":60}")));
    server.stubFor(
        get(urlPathEqualTo("/v1.0/organization"))
            .withHeader("Authorization", equalTo("Bearer graph-token"))
            .willReturn(okJson("{\"id\":\"tenant\"}")));
  }

  private String endpoint() {
    return base() + TOKEN_PATH;
  }

  private static String base() {
    return "http://localhost:" + server.port();
  }

  /** Calls Graph once through the production client: one token request. */
  private static void callGraph(GraphClient client) {
    assertThat(client.getOne("/organization", Map.class)).containsEntry("id", "tenant");
  }

  /** The form fields of every token request, in order. */
  private static List<Map<String, String>> tokenRequests() {
    return server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).stream()
        .map(request -> form(request.getBodyAsString()))
        .toList();
  }

  static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      String[] parts = pair.split("=", 2);
      fields.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return fields;
  }

  private static String sha256Thumbprint(SelfSignedCertificate certificate) throws Exception {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            MessageDigest.getInstance("SHA-256").digest(certificate.certificate().getEncoded()));
  }

  private void write(Path file, String content) throws Exception {
    // Like a Secret update: the new content replaces the file at once.
    Path next = Files.writeString(dir.resolve(file.getFileName() + ".next"), content);
    Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private JwtClaims verified(String assertion, SelfSignedCertificate certificate) throws Exception {
    JwtConsumer consumer =
        new JwtConsumerBuilder()
            .setVerificationKey(certificate.certificate().getPublicKey())
            .setExpectedAudience(endpoint())
            .setExpectedIssuer("vigil-reader")
            .setExpectedSubject("vigil-reader")
            .setRequireExpirationTime()
            .setRequireIssuedAt()
            .setRequireNotBefore()
            .setRequireJwtId()
            .build();
    return consumer.processToClaims(assertion);
  }

  @Test
  void shouldSignTheClientAssertionWithTheCertificateAndReadRotatedFiles() throws Exception {
    SelfSignedCertificate first = SelfSignedCertificate.generate("vigil-reader");
    Path certificateFile = Files.writeString(dir.resolve("tls.crt"), first.certificatePem());
    Path keyFile = Files.writeString(dir.resolve("tls.key"), first.privateKeyPem());
    TestGraphConfig config = new TestGraphConfig(base(), endpoint());
    config.credential = GraphCredentialKind.CERTIFICATE;
    config.certificateFile = certificateFile.toString();
    config.privateKeyFile = keyFile.toString();
    GraphClient client = new GraphClient(config, name -> null);

    callGraph(client);

    Map<String, String> request = tokenRequests().get(0);
    assertThat(request)
        .containsEntry("grant_type", "client_credentials")
        .containsEntry("scope", base() + "/.default")
        .containsEntry("client_id", "vigil-reader")
        .containsEntry(
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        .doesNotContainKey("client_secret");
    String assertion = request.get("client_assertion");
    JwtClaims claims = verified(assertion, first);
    assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue())
        .isEqualTo(600);
    assertThat(claims.getNotBefore().getValue()).isEqualTo(claims.getIssuedAt().getValue());
    assertThat(Math.abs(claims.getIssuedAt().getValue() - System.currentTimeMillis() / 1000))
        .isLessThan(30);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(assertion);
    assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("RS256");
    assertThat(jws.getHeader("x5t#S256")).isEqualTo(sha256Thumbprint(first));
    assertThat(jws.getHeader("x5t")).isNotBlank();

    // The Secret rotates: the next token request signs with the new key and names the new
    // certificate.
    SelfSignedCertificate second = SelfSignedCertificate.generate("vigil-reader");
    write(certificateFile, second.certificatePem());
    write(keyFile, second.privateKeyPem());
    callGraph(client);

    String rotated = tokenRequests().get(1).get("client_assertion");
    verified(rotated, second);
    jws.setCompactSerialization(rotated);
    assertThat(jws.getHeader("x5t#S256")).isEqualTo(sha256Thumbprint(second));
    assertThat(verified(rotated, second).getJwtId()).isNotEqualTo(claims.getJwtId());
    assertThatThrownBy(() -> verified(rotated, first))
        .as("signed with the new key, not the old")
        .isInstanceOf(Exception.class);
  }

  @Test
  void shouldSendTheCurrentFederatedTokenOnEveryTokenRequest() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("azure-identity-token"), "projected-1\n");
    TestGraphConfig config = new TestGraphConfig(base(), null);
    config.credential = GraphCredentialKind.WORKLOAD_IDENTITY;
    config.clientId = null;
    // As the workload identity webhook sets them.
    Map<String, String> environment =
        Map.of(
            "AZURE_CLIENT_ID",
            "wi-client",
            "AZURE_TENANT_ID",
            "tenant",
            "AZURE_AUTHORITY_HOST",
            base() + "/",
            "AZURE_FEDERATED_TOKEN_FILE",
            tokenFile.toString());
    GraphClient client = new GraphClient(config, environment::get);

    callGraph(client);
    write(tokenFile, "projected-2\n");
    callGraph(client);

    List<Map<String, String>> requests = tokenRequests();
    assertThat(requests).hasSize(2);
    assertThat(requests)
        .allSatisfy(
            request ->
                assertThat(request)
                    .containsEntry("client_id", "wi-client")
                    .containsEntry("grant_type", "client_credentials")
                    .containsEntry(
                        "client_assertion_type",
                        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    .doesNotContainKey("client_secret"));
    assertThat(requests.get(0)).containsEntry("client_assertion", "projected-1");
    assertThat(requests.get(1)).containsEntry("client_assertion", "projected-2");
  }

  @Test
  void shouldSendTheClientSecretAsBefore() {
    TestGraphConfig config = new TestGraphConfig(base(), endpoint());
    config.clientSecret = "s3cret&=";

    callGraph(new GraphClient(config, name -> null));

    assertThat(tokenRequests())
        .singleElement()
        .isEqualTo(
            Map.of(
                "grant_type",
                "client_credentials",
                "scope",
                base() + "/.default",
                "client_id",
                "vigil-reader",
                "client_secret",
                "s3cret&="));
  }

  @Test
  void shouldNameTheSettingAndFileWhenACredentialFileIsMissingOrWrong() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.generate("vigil-reader");
    SelfSignedCertificate other = SelfSignedCertificate.generate("someone-else");
    Path certificateFile = Files.writeString(dir.resolve("tls.crt"), certificate.certificatePem());
    TestGraphConfig config = new TestGraphConfig(base(), endpoint());
    config.credential = GraphCredentialKind.CERTIFICATE;
    config.certificateFile = certificateFile.toString();
    config.privateKeyFile = dir.resolve("absent.key").toString();

    assertThatThrownBy(() -> callGraph(new GraphClient(config, name -> null)))
        .isInstanceOf(GraphException.class)
        .hasMessage(
            "vigil.access.graph.private-key-file: "
                + dir.resolve("absent.key")
                + " cannot be read (NoSuchFileException)");

    Path wrongKey = Files.writeString(dir.resolve("other.key"), other.privateKeyPem());
    config.privateKeyFile = wrongKey.toString();
    assertThatThrownBy(() -> callGraph(new GraphClient(config, name -> null)))
        .isInstanceOf(GraphException.class)
        .hasMessageContaining("is not the key of the certificate")
        .hasMessageNotContaining("PRIVATE KEY");

    Path pkcs1 =
        Files.writeString(
            dir.resolve("rsa.key"),
            "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
    config.privateKeyFile = pkcs1.toString();
    assertThatThrownBy(() -> callGraph(new GraphClient(config, name -> null)))
        .hasMessageContaining("is not an unencrypted PKCS#8 PEM key");

    TestGraphConfig federated = new TestGraphConfig(base(), endpoint());
    federated.credential = GraphCredentialKind.WORKLOAD_IDENTITY;
    assertThatThrownBy(() -> callGraph(new GraphClient(federated, name -> null)))
        .hasMessage("vigil.access.graph.federated-token-file is not set");
    assertThat(tokenRequests()).as("nothing is sent without a credential").isEmpty();
  }

  /** Settings as SmallRye would map them, with the defaults of AccessConfig.Graph. */
  static final class TestGraphConfig implements AccessConfig.Graph {
    final String baseUrl;
    final String tokenEndpoint;
    String clientId = "vigil-reader";
    GraphCredentialKind credential = GraphCredentialKind.CLIENT_SECRET;
    String clientSecret;
    String certificateFile;
    String privateKeyFile;
    String federatedTokenFile;

    TestGraphConfig(String baseUrl, String tokenEndpoint) {
      this.baseUrl = baseUrl;
      this.tokenEndpoint = tokenEndpoint;
    }

    @Override
    public String baseUrl() {
      return baseUrl;
    }

    @Override
    public Optional<String> tokenEndpoint() {
      return Optional.ofNullable(tokenEndpoint);
    }

    @Override
    public Optional<String> clientId() {
      return Optional.ofNullable(clientId);
    }

    @Override
    public GraphCredentialKind credential() {
      return credential;
    }

    @Override
    public Optional<String> clientSecret() {
      return Optional.ofNullable(clientSecret);
    }

    @Override
    public Optional<String> certificateFile() {
      return Optional.ofNullable(certificateFile);
    }

    @Override
    public Optional<String> privateKeyFile() {
      return Optional.ofNullable(privateKeyFile);
    }

    @Override
    public Optional<String> federatedTokenFile() {
      return Optional.ofNullable(federatedTokenFile);
    }

    @Override
    public Optional<String> platformServicePrincipalId() {
      return Optional.of("sp-platform");
    }

    @Override
    public int pageSize() {
      return 999;
    }

    @Override
    public int maxRetries() {
      return 0;
    }

    @Override
    public Duration maxRetryAfter() {
      return Duration.ofSeconds(1);
    }

    @Override
    public Duration requestTimeout() {
      return Duration.ofSeconds(10);
    }

    @Override
    public boolean delta() {
      return false;
    }

    @Override
    public Duration fullSyncInterval() {
      return Duration.ofHours(24);
    }
  }
}
