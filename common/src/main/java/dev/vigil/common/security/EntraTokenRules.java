package dev.vigil.common.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What Entra ID tokens must be beyond a valid signature, issuer and audience (which quarkus-oidc
 * checks): a v2.0 token (unless v1 is allowed) from an allowed tenant. A token that breaks a rule
 * fails authentication with the rule as the reason, so the 401 can say why.
 */
@ApplicationScoped
public class EntraTokenRules implements SecurityIdentityAugmentor {

  /** Attribute of the authentication failure that names the broken rule (never token content). */
  public static final String REASON = "vigil.auth.reason";

  private final EntraIdConfig config;

  EntraTokenRules(EntraIdConfig config) {
    this.config = config;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
      return Uni.createFrom().item(identity);
    }
    String version = String.valueOf(TokenClaims.value(token, "ver"));
    if (!"2.0".equals(version) && !("1.0".equals(version) && config.acceptV1Tokens())) {
      return refuse("only Entra ID v2.0 access tokens are accepted");
    }
    // The home tenant is always allowed: leaving it out of allowed-tenants must not lock it out.
    List<String> tenants = config.allowedTenants().orElse(List.of());
    Object tenant = TokenClaims.value(token, "tid");
    if (tenant == null
        || !(config.tenantId().equals(String.valueOf(tenant))
            || tenants.contains(String.valueOf(tenant)))) {
      return refuse("the token's tenant is not allowed");
    }
    if ("2.0".equals(version)
        && !(config.authority() + "/" + tenant + "/v2.0").equals(token.getIssuer())) {
      return refuse("the token's issuer does not belong to its tenant");
    }
    return Uni.createFrom().item(identity);
  }

  private static Uni<SecurityIdentity> refuse(String reason) {
    return Uni.createFrom()
        .failure(new AuthenticationFailedException(reason, Map.of(REASON, reason)));
  }
}
