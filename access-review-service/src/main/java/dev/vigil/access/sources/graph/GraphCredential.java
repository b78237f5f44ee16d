package dev.vigil.access.sources.graph;

import dev.vigil.access.AccessConfig;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a token request proves it comes from the app registration: the client id and its proof, in
 * the form fields of a client-credentials request. Proofs held in files are read for every token
 * request, so rotated Secrets and projected tokens are picked up without a restart.
 */
interface GraphCredential {

  String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  /** The tenant's token endpoint. */
  String tokenEndpoint();

  /** {@code client_id} and the proof for one token request. Never logged. */
  Map<String, String> clientFields();

  /**
   * The configured credential; settings left unset fall back to the variables the Azure workload
   * identity webhook sets ({@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID}, {@code
   * AZURE_AUTHORITY_HOST}, {@code AZURE_FEDERATED_TOKEN_FILE}).
   *
   * @param environment the process environment ({@code System::getenv})
   * @throws GraphException naming the missing setting
   */
  static GraphCredential of(AccessConfig.Graph config, Function<String, String> environment) {
    String endpoint =
        config
            .tokenEndpoint()
            .or(() -> azureTokenEndpoint(environment))
            .orElseThrow(() -> missing("token-endpoint"));
    String clientId =
        config
            .clientId()
            .or(() -> Optional.ofNullable(environment.apply("AZURE_CLIENT_ID")))
            .filter(id -> !id.isBlank())
            .orElseThrow(() -> missing("client-id"));
    return switch (config.credential()) {
      case CLIENT_SECRET ->
          new ClientSecretCredential(
              endpoint,
              clientId,
              config
                  .clientSecret()
                  .filter(s -> !s.isBlank())
                  .orElseThrow(() -> missing("client-secret")));
      case CERTIFICATE ->
          new CertificateCredential(
              endpoint,
              clientId,
              config.certificateFile().orElseThrow(() -> missing("certificate-file")),
              config.privateKeyFile().orElseThrow(() -> missing("private-key-file")));
      case WORKLOAD_IDENTITY ->
          new FederatedTokenCredential(
              endpoint,
              clientId,
              config
                  .federatedTokenFile()
                  .or(() -> Optional.ofNullable(environment.apply("AZURE_FEDERATED_TOKEN_FILE")))
                  .filter(file -> !file.isBlank())
                  .orElseThrow(() -> missing("federated-token-file")));
    };
  }

  private static Optional<String> azureTokenEndpoint(Function<String, String> environment) {
    String tenant = environment.apply("AZURE_TENANT_ID");
    if (tenant == null || tenant.isBlank()) {
      return Optional.empty();
    }
    String authority =
        Optional.ofNullable(environment.apply("AZURE_AUTHORITY_HOST"))
            .filter(host -> !host.isBlank())
            .orElse("https://login.microsoftonline.com/");
    return Optional.of(
        (authority.endsWith("/") ? authority : authority + "/") + tenant + "/oauth2/v2.0/token");
  }

  private static GraphException missing(String key) {
    return new GraphException("vigil.access.graph." + key + " is not set", 0);
  }
}
