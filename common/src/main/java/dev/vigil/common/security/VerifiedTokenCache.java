package dev.vigil.common.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers the bearer tokens quarkus-oidc has verified, so a caller's further requests with the
 * same token skip the signature check and the claim parsing, the largest share of an API call's CPU
 * at the gateway.
 *
 * <p>Only a success is remembered, keyed by the whole token string: a token that differs in any
 * byte (another signature, a changed claim) is a miss and is verified in full. A remembered token
 * is served only for the tenant configuration it was verified under, never after its {@code exp},
 * and never longer than {@code vigil.oidc.token-cache.time-to-live} after its verification, which
 * bounds how long a token signed with a key Entra ID has since withdrawn keeps passing. The
 * augmentors ({@link EntraTokenRules}, roles) run on every request as before; the identity is bound
 * to the current request.
 */
@ApplicationScoped
public class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest> {

  private record Verified(SecurityIdentity identity, String tenant, long servedUntilMillis) {}

  private final IdentityProvider<TokenAuthenticationRequest> verifier;
  private final EntraIdConfig.TokenCache config;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final Counter hits;
  private final Counter misses;
  private final LongSupplier clock;

  @Inject
  VerifiedTokenCache(OidcIdentityProvider verifier, EntraIdConfig config, MeterRegistry registry) {
    this(verifier, config.tokenCache(), registry, System::currentTimeMillis);
  }

  VerifiedTokenCache(
      IdentityProvider<TokenAuthenticationRequest> verifier,
      EntraIdConfig.TokenCache config,
      MeterRegistry registry,
      LongSupplier clock) {
    this.verifier = verifier;
    this.config = config;
    this.clock = clock;
    this.hits = lookups(registry, "hit");
    this.misses = lookups(registry, "miss");
  }

  private static Counter lookups(MeterRegistry registry, String result) {
    return Counter.builder("vigil.oidc.token.cache.lookups")
        .description("Bearer tokens looked up among those already verified")
        .tag("result", result)
        .register(registry);
  }

  @Override
  public Class<TokenAuthenticationRequest> getRequestType() {
    return TokenAuthenticationRequest.class;
  }

  /** Ahead of quarkus-oidc's provider (the default, SYSTEM_FIRST + 1): it calls that on a miss. */
  @Override
  public int priority() {
    return SYSTEM_FIRST + 2;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TokenAuthenticationRequest request, AuthenticationRequestContext context) {
    RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
    if (config.maxSize() <= 0
        || routing == null
        || !(request.getToken() instanceof AccessTokenCredential)) {
      return verifier.authenticate(request, context);
    }
    String token = request.getToken().getToken();
    String tenant = routing.get(OidcUtils.TENANT_ID_ATTRIBUTE);
    Verified known = verified.get(token);
    if (known != null) {
      if (known.tenant().equals(tenant) && clock.getAsLong() < known.servedUntilMillis()) {
        hits.increment();
        return Uni.createFrom().item(boundTo(known.identity(), routing, context));
      }
      verified.remove(token, known);
    }
    misses.increment();
    return verifier
        .authenticate(request, context)
        .invoke(identity -> remember(token, tenant, identity));
  }

  private void remember(String token, String tenant, SecurityIdentity identity) {
    if (tenant == null
        || identity == null
        || !(identity.getPrincipal() instanceof JsonWebToken jwt)
        || jwt.getExpirationTime() <= 0) {
      return;
    }
    long now = clock.getAsLong();
    long servedUntil =
        Math.min(jwt.getExpirationTime() * 1000, now + config.timeToLive().toMillis());
    if (servedUntil <= now) {
      return;
    }
    if (verified.size() >= config.maxSize()) {
      makeRoom(now);
    }
    verified.put(token, new Verified(identity, tenant, servedUntil));
  }

  /** Drops what may no longer be served, then, if still full, entries in the map's own order. */
  private void makeRoom(long now) {
    verified.values().removeIf(entry -> entry.servedUntilMillis() <= now);
    Iterator<String> tokens = verified.keySet().iterator();
    while (verified.size() >= config.maxSize() && tokens.hasNext()) {
      tokens.next();
      tokens.remove();
    }
  }

  /**
   * The remembered identity with this request's context in place of the one it was verified in.
   * (The entry itself keeps that first context reachable until it is dropped; rebuilding the
   * identity without it would lose quarkus-oidc's permission checks.)
   */
  private static SecurityIdentity boundTo(
      SecurityIdentity identity, RoutingContext routing, AuthenticationRequestContext context) {
    return QuarkusSecurityIdentity.builder(identity)
        .addAttribute(RoutingContext.class.getName(), routing)
        .addAttribute(AuthenticationRequestContext.class.getName(), context)
        .build();
  }

  /** How many verified tokens are remembered now. */
  int size() {
    return verified.size();
  }
}
