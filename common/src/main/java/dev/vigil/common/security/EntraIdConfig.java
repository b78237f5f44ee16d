package dev.vigil.common.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /**
   * Tenants whose tokens are accepted (the {@code tid} claim); by default only {@link #tenantId()}.
   * Env {@code VIGIL_OIDC_ALLOWED_TENANTS} (comma separated).
   */
  Optional<List<String>> allowedTenants();

  /**
   * The roles each other tenant on {@link #allowedTenants()} may use, by a name of your choice:
   * {@code vigil.oidc.foreign-tenants.<name>.tenant-id} and {@code .roles}. A token from another
   * tenant keeps only the roles its entry grants; a tenant without an entry gets none (it can
   * authenticate, and every endpoint answers 403). Env {@code
   * VIGIL_OIDC_FOREIGN_TENANTS_<NAME>_TENANT_ID} and {@code ..._ROLES} (comma separated).
   */
  Map<String, ForeignTenant> foreignTenants();

  /** {@code vigil.oidc.foreign-tenants.<name>.*} */
  interface ForeignTenant {

    /** The tenant's directory ID ({@code tid}), a GUID. */
    String tenantId();

    /** The app roles its tokens may use, e.g. {@code Vigil.Auditor}; others are dropped. */
    List<String> roles();
  }

  /**
   * Whether v1.0 access tokens ({@code ver} 1.0) are accepted. Off: Vigil's app registration should
   * issue v2.0 tokens ({@code accessTokenAcceptedVersion: 2}). Env {@code
   * VIGIL_OIDC_ACCEPT_V1_TOKENS}.
   */
  @WithDefault("false")
  boolean acceptV1Tokens();

  /** Verified tokens remembered for the caller's next requests ({@link VerifiedTokenCache}). */
  TokenCache tokenCache();

  /** {@code vigil.oidc.token-cache.*} */
  interface TokenCache {

    /**
     * How many verified tokens are remembered (a few kilobytes each); 0 verifies every request's
     * token in full. Env {@code VIGIL_OIDC_TOKEN_CACHE_MAX_SIZE}.
     */
    @WithDefault("2000")
    int maxSize();

    /**
     * The longest a verified token is served from memory, however long it stays valid: a token
     * signed with a key Entra ID has since withdrawn passes for at most this long. Env {@code
     * VIGIL_OIDC_TOKEN_CACHE_TIME_TO_LIVE}.
     */
    @WithDefault("5m")
    Duration timeToLive();
  }

  /** The tenant's v2.0 issuer, e.g. {@code https://login.microsoftonline.com/<tenant>/v2.0}. */
  default String issuer() {
    return authority() + "/" + tenantId() + "/v2.0";
  }
}
