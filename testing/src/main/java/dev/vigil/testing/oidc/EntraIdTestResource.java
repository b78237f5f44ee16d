package dev.vigil.testing.oidc;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a local {@link EntraIdIssuer} and points the service's OIDC settings at it. Tests mint
 * tokens with {@link #tokens()}.
 */
public class EntraIdTestResource implements QuarkusTestResourceLifecycleManager {

  public static final String TENANT_ID = "8f5c2a8e-4f0e-4c3e-9a43-6a1c1d0b7e21";
  public static final String CLIENT_ID = "0d3b6f4e-2c1a-4b7e-9f00-5a6c7d8e9f10";

  private static volatile EntraIdIssuer issuer;

  public static EntraIdIssuer issuer() {
    if (issuer == null) {
      throw new IllegalStateException("EntraIdTestResource is not running");
    }
    return issuer;
  }

  public static EntraTokens tokens() {
    return issuer().tokens();
  }

  @Override
  public Map<String, String> start() {
    issuer = EntraIdIssuer.start(0, TENANT_ID, CLIENT_ID);
    return Map.of(
        "vigil.oidc.authority", issuer.authority(),
        "vigil.oidc.tenant-id", TENANT_ID,
        "vigil.oidc.client-id", CLIENT_ID);
  }

  @Override
  public void stop() {
    if (issuer != null) {
      issuer.close();
      issuer = null;
    }
  }
}
