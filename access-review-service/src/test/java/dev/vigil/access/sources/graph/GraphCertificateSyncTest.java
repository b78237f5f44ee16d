package dev.vigil.access.sources.graph;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.vigil.access.AccessTestSupport.admin;
import static dev.vigil.access.AccessTestSupport.get;
import static dev.vigil.access.AccessTestSupport.post;
import static dev.vigil.access.AccessTestSupport.source;
import static dev.vigil.access.sources.graph.GraphStub.assignment;
import static dev.vigil.access.sources.graph.GraphStub.collection;
import static dev.vigil.access.sources.graph.GraphStub.server;
import static dev.vigil.access.sources.graph.GraphStub.user;
import static dev.vigil.access.sources.graph.GraphStub.users;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An ENTRA sync with {@code vigil.access.graph.credential=certificate} as configured in the running
 * service: a missing certificate file is the source's lastError, and once the Secret's files are
 * there the sync authenticates with a client assertion signed by the certificate's key.
 */
@QuarkusTest
@TestProfile(GraphCertificateSyncTest.CertificateCredential.class)
@QuarkusTestResource(value = GraphStub.class, restrictToAnnotatedClass = false)
class GraphCertificateSyncTest {

  static final Path DIR = Path.of("target/graph-certificate-test").toAbsolutePath();
  static final Path CERTIFICATE = DIR.resolve("certificate.pem");
  static final Path KEY = DIR.resolve("private-key.pem");

  /** The certificate credential, its files where the chart would mount them. */
  public static class CertificateCredential implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "vigil.access.graph.credential", "certificate",
          "vigil.access.graph.certificate-file", CERTIFICATE.toString(),
          "vigil.access.graph.private-key-file", KEY.toString());
    }
  }

  @BeforeEach
  void directory() throws Exception {
    GraphStub.reset();
    collection(
        "/servicePrincipals/" + GraphStub.SP + "/appRoleAssignedTo",
        List.of("[" + assignment("ada", "User", "role-admin") + "]"));
    users(
        List.of(
            "[" + user("ada", true, "Member", EntraSyncTest.CREATED, EntraSyncTest.RECENT) + "]"),
        true);
    Files.createDirectories(DIR);
    Files.deleteIfExists(CERTIFICATE);
    Files.deleteIfExists(KEY);
  }

  private static String sync(long id) {
    return post(admin(), "/api/v1/access-reviews/sources/" + id + "/sync", "{}")
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("outcome");
  }

  private static String lastError(long id) {
    return get(admin(), "/api/v1/access-reviews/sources")
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("find { it.id == " + id + " }.lastError");
  }

  @Test
  void shouldReportAMissingCertificateOnTheSourceThenSyncWithTheMountedOne() throws Exception {
    long id = source("entra", "ENTRA");

    assertThat(sync(id)).isEqualTo("FAILED");
    assertThat(lastError(id))
        .isEqualTo(
            "vigil.access.graph.certificate-file: "
                + CERTIFICATE
                + " cannot be read (NoSuchFileException)");
    assertThat(server().findAll(postRequestedFor(urlPathEqualTo("/tenant/oauth2/v2.0/token"))))
        .as("no token request without the credential")
        .isEmpty();

    SelfSignedCertificate certificate = SelfSignedCertificate.generate("vigil-reader");
    Files.writeString(CERTIFICATE, certificate.certificatePem());
    Files.writeString(KEY, certificate.privateKeyPem());

    assertThat(sync(id)).isEqualTo("SYNCED");
    assertThat(lastError(id)).isNull();
    assertThat(
            get(admin(), "/api/v1/access-reviews/sources/" + id + "/accounts")
                .extract()
                .jsonPath()
                .getList("id"))
        .containsExactly("ada");
    Map<String, String> request =
        GraphCredentialTest.form(
            server()
                .findAll(postRequestedFor(urlPathEqualTo("/tenant/oauth2/v2.0/token")))
                .get(0)
                .getBodyAsString());
    assertThat(request)
        .containsEntry("client_id", "vigil-reader")
        .containsEntry(
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        .doesNotContainKey("client_secret");
    String assertion = request.get("client_assertion");
    new JwtConsumerBuilder()
        .setVerificationKey(certificate.certificate().getPublicKey())
        .setExpectedAudience("http://localhost:" + server().port() + "/tenant/oauth2/v2.0/token")
        .setExpectedIssuer("vigil-reader")
        .setExpectedSubject("vigil-reader")
        .build()
        .processToClaims(assertion);
    Path log = Path.of("target/access-review-service-test.log");
    if (Files.exists(log)) {
      assertThat(Files.readString(log))
          .doesNotContain(assertion)
          .doesNotContain(certificate.privateKeyPem().lines().skip(1).findFirst().orElseThrow());
    }
  }
}
