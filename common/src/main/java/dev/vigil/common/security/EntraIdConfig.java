package dev.vigil.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Microsoft Entra ID tenant and app registration every service validates tokens against. The
 * OIDC settings ({@code quarkus.oidc.*}) are derived from these in vigil-common's defaults.
 */
@ConfigMapping(prefix = "vigil.oidc")
public interface EntraIdConfig {

  /** The authority host; a local issuer in development. Env {@code VIGIL_OIDC_AUTHORITY}. */
  @WithDefault("https://login.microsoftonline.com")
  String authority();

  /** The directory (tenant) ID, a GUID: pins the issuer. Env {@code VIGIL_OIDC_TENANT_ID}. */
  String tenantId();

  /** The API's application (client) ID: the expected audience. Env {@code VIGIL_OIDC_CLIENT_ID}. */
  String clientId();

  /**
   * The authentication context ({@code acrs} claim) sensitive operations require, e.g. {@code c1}
   * bound to a Conditional Access policy that demands MFA. Env {@code VIGIL_OIDC_STEP_UP_CONTEXT}.
   */
  @WithDefault("c1")
  String stepUpContext();

  /** The tenant's v2.0 issuer, e.g. {@code https://login.microsoftonline.com/<tenant>/v2.0}. */
  default String issuer() {
    return authority() + "/" + tenantId() + "/v2.0";
  }
}
