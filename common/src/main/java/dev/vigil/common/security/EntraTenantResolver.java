package dev.vigil.common.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Multi-tenant Entra ID: a token from another tenant on {@code vigil.oidc.allowed-tenants} is
 * validated against that tenant's own issuer and signing keys ({@code <authority>/<tid>/v2.0}),
 * with everything else (audience, roles, key refresh) as the home tenant's configuration. The
 * {@code tid} read here is unverified and only chooses which configuration validates the token; any
 * other token goes to the home tenant and fails there.
 */
@ApplicationScoped
public class EntraTenantResolver implements TenantConfigResolver {

  private static final Pattern GUID =
      Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EntraIdConfig entra;
  private final OidcConfig oidc;
  private final Map<String, OidcTenantConfig> tenants = new ConcurrentHashMap<>();

  EntraTenantResolver(EntraIdConfig entra, OidcConfig oidc) {
    this.entra = entra;
    this.oidc = oidc;
  }

  @Override
  public Uni<OidcTenantConfig> resolve(
      RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
    List<String> allowed = entra.allowedTenants().orElse(List.of());
    if (allowed.isEmpty()) {
      return Uni.createFrom().nullItem(); // single tenant: no need to look into the token
    }
    String tenant = unverifiedTenant(context.request().getHeader("Authorization"));
    if (tenant == null || tenant.equals(entra.tenantId()) || !allowed.contains(tenant)) {
      return Uni.createFrom().nullItem();
    }
    return Uni.createFrom().item(tenants.computeIfAbsent(tenant, this::configFor));
  }

  private OidcTenantConfig configFor(String tenant) {
    return OidcTenantConfig.builder(OidcConfig.getDefaultTenant(oidc))
        .tenantId("entra-" + tenant)
        .authServerUrl(entra.authority() + "/" + tenant + "/v2.0")
        .build();
  }

  /** The {@code tid} claim of a bearer JWT, without verifying it; null when there is none. */
  static String unverifiedTenant(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String[] parts = authorization.substring(7).trim().split("\\.");
    if (parts.length != 3 || parts[1].length() > 16_384) {
      return null;
    }
    try {
      JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      String tid = payload.path("tid").asText(null);
      return tid != null && GUID.matcher(tid).matches() ? tid : null;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
