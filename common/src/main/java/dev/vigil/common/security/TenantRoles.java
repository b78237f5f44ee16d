package dev.vigil.common.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The roles a token from another tenant may use. Another tenant's administrators control its app
 * registration and so the {@code roles} their tokens carry: a role counts only when {@code
 * vigil.oidc.foreign-tenants.<name>.roles} grants it to that tenant. A foreign tenant without an
 * entry gets no role at all. Home-tenant tokens keep their roles.
 */
@ApplicationScoped
public class TenantRoles implements SecurityIdentityAugmentor {

  private final EntraIdConfig config;

  TenantRoles(EntraIdConfig config) {
    this.config = config;
  }

  /** Last of all augmentors, so no later one can add a role back. */
  @Override
  public int priority() {
    return Integer.MIN_VALUE;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return Uni.createFrom().item(identity);
    }
    String tenant = TokenClaims.text(token, "tid");
    if (config.tenantId().equals(tenant)) {
      return Uni.createFrom().item(identity);
    }
    Set<String> kept = new HashSet<>(identity.getRoles());
    kept.retainAll(grantedTo(tenant));
    return Uni.createFrom()
        .item(
            QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .setAnonymous(false)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(kept)
                .build());
  }

  private Set<String> grantedTo(String tenant) {
    Set<String> granted = new HashSet<>();
    for (EntraIdConfig.ForeignTenant foreign : config.foreignTenants().values()) {
      if (foreign.tenantId().equals(tenant)) {
        granted.addAll(foreign.roles());
      }
    }
    return granted;
  }
}
