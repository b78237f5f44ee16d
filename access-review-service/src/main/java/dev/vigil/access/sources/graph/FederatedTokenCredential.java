package dev.vigil.access.sources.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Workload identity federation: the Kubernetes service account token projected into the pod is the
 * client assertion, which Entra ID accepts through the app registration's federated credential.
 */
final class FederatedTokenCredential implements GraphCredential {

  private final String tokenEndpoint;
  private final String clientId;
  private final String tokenFile;

  FederatedTokenCredential(String tokenEndpoint, String clientId, String tokenFile) {
    this.tokenEndpoint = tokenEndpoint;
    this.clientId = clientId;
    this.tokenFile = tokenFile;
  }

  @Override
  public String tokenEndpoint() {
    return tokenEndpoint;
  }

  /** Reads the file every time: the kubelet replaces the token long before it expires. */
  @Override
  public Map<String, String> clientFields() {
    String token;
    try {
      token = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      throw new GraphException(
          "vigil.access.graph.federated-token-file: cannot read "
              + tokenFile
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          0);
    }
    if (token.isEmpty()) {
      throw new GraphException(
          "vigil.access.graph.federated-token-file: " + tokenFile + " is empty", 0);
    }
    return Map.of(
        "client_id", clientId, "client_assertion_type", JWT_BEARER, "client_assertion", token);
  }

  @Override
  public String toString() {
    return "federated token of " + clientId + " from " + tokenFile;
  }
}
