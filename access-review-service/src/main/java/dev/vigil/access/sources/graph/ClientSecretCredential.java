package dev.vigil.access.sources.graph;

import java.util.Map;

/** The app registration's client secret (from the environment). */
final class ClientSecretCredential implements GraphCredential {

  private final String tokenEndpoint;
  private final String clientId;
  private final String secret;

  ClientSecretCredential(String tokenEndpoint, String clientId, String secret) {
    this.tokenEndpoint = tokenEndpoint;
    this.clientId = clientId;
    this.secret = secret;
  }

  @Override
  public String tokenEndpoint() {
    return tokenEndpoint;
  }

  @Override
  public Map<String, String> clientFields() {
    return Map.of("client_id", clientId, "client_secret", secret);
  }

  @Override
  public String toString() {
    return "client secret of " + clientId;
  }
}
