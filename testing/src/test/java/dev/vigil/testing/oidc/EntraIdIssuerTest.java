package dev.vigil.testing.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local issuer serves Entra ID's paths and formats, and its tokens verify against its JWKS. */
class EntraIdIssuerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private EntraIdIssuer issuer;

  @BeforeEach
  void start() {
    issuer = EntraIdIssuer.start(0, "tenant-guid", "api-client-id");
  }

  @AfterEach
  void stop() {
    issuer.close();
  }

  @Test
  void shouldServeTheTenantsDiscoveryDocumentLikeEntraId() throws Exception {
    JsonNode discovery = get(issuer.issuer() + "/.well-known/openid-configuration");
    assertThat(discovery.get("issuer").asText())
        .isEqualTo(issuer.authority() + "/tenant-guid/v2.0");
    assertThat(discovery.get("jwks_uri").asText())
        .isEqualTo(issuer.authority() + "/tenant-guid/discovery/v2.0/keys");
    assertThat(discovery.get("token_endpoint").asText()).endsWith("/tenant-guid/oauth2/v2.0/token");
  }

  @Test
  void shouldSignTokensThatVerifyAgainstItsKeysWithEntraClaims() throws Exception {
    String token = issuer.tokens().user("alice@example.com", "Vigil.Auditor").sign();
    JsonWebKeySet keys =
        new JsonWebKeySet(
            JSON.writeValueAsString(get(issuer.authority() + "/tenant-guid/discovery/v2.0/keys")));
    JwtConsumer consumer =
        new JwtConsumerBuilder()
            .setExpectedIssuer(issuer.issuer())
            .setExpectedAudience("api-client-id")
            .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.getJsonWebKeys()))
            .build();
    JwtClaims claims = consumer.processToClaims(token);
    assertThat(claims.getStringClaimValue("tid")).isEqualTo("tenant-guid");
    assertThat(claims.getStringClaimValue("ver")).isEqualTo("2.0");
    assertThat(claims.getStringListClaimValue("roles")).isEqualTo(List.of("Vigil.Auditor"));
    assertThat(claims.getStringClaimValue("oid")).isNotBlank();
  }

  @Test
  void shouldIssueClientCredentialTokens() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(issuer.authority() + "/tenant-guid/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=cli&roles=Vigil.Service"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("access_token").asText().split("\\.")).hasSize(3);
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
