package dev.vigil.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * The cache in front of quarkus-oidc, with a counting stand-in for the verifier and a clock the
 * tests move: what is served from memory, and everything that sends a token back to verification.
 */
class VerifiedTokenCacheTest {

  private static final long NOW = 1_800_000_000_000L;
  private static final String HOME = "Default";

  private final AtomicLong clock = new AtomicLong(NOW);
  private final AtomicInteger verifications = new AtomicInteger();
  private final Map<String, Long> expiryByToken = new HashMap<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** Verifies a token it was told about, expiring when told; refuses any other. */
  private final IdentityProvider<TokenAuthenticationRequest> verifier =
      new IdentityProvider<>() {
        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
          return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
          verifications.incrementAndGet();
          Long expiry = expiryByToken.get(request.getToken().getToken());
          if (expiry == null || expiry * 1000 <= clock.get()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("refused"));
          }
          return Uni.createFrom().item(identity(request, expiry));
        }
      };

  private VerifiedTokenCache cache(int maxSize, Duration timeToLive) {
    EntraIdConfig.TokenCache config =
        new EntraIdConfig.TokenCache() {
          @Override
          public int maxSize() {
            return maxSize;
          }

          @Override
          public Duration timeToLive() {
            return timeToLive;
          }
        };
    return new VerifiedTokenCache(verifier, config, registry, clock::get);
  }

  @Test
  void shouldServeARepeatedTokenWithoutVerifyingItAgain() {
    VerifiedTokenCache cache = cache(10, Duration.ofMinutes(5));
    String token = validFor("alice", 3600);
    RoutingContext first = routing(HOME);
    RoutingContext second = routing(HOME);

    SecurityIdentity verified = authenticate(cache, token, first);
    SecurityIdentity served = authenticate(cache, token, second);

    assertThat(verifications).hasValue(1);
    assertThat(served.getPrincipal().getName()).isEqualTo("alice");
    assertThat(served.getRoles()).isEqualTo(verified.getRoles()).contains("Vigil.Admin");
    assertThat(served.<RoutingContext>getAttribute(RoutingContext.class.getName()))
        .isSameAs(second);
    assertThat(lookups("hit")).isEqualTo(1);
    assertThat(lookups("miss")).isEqualTo(1);
  }

  @Test
  void shouldVerifyATokenThatDiffersInAnyByte() {
    VerifiedTokenCache cache = cache(10, Duration.ofMinutes(5));
    String token = validFor("alice", 3600);
    authenticate(cache, token, routing(HOME));

    String forged = token.substring(0, token.length() - 1) + "X";
    assertThatThrownBy(() -> authenticate(cache, forged, routing(HOME)))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThat(verifications).hasValue(2);
  }

  @Test
  void shouldNotServeATokenPastItsExpiry() {
    VerifiedTokenCache cache = cache(10, Duration.ofHours(2));
    String token = validFor("alice", 60);
    authenticate(cache, token, routing(HOME));

    clock.addAndGet(60_000);

    assertThatThrownBy(() -> authenticate(cache, token, routing(HOME)))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThat(verifications).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void shouldVerifyAgainOnceTheTimeToLiveHasPassed() {
    VerifiedTokenCache cache = cache(10, Duration.ofMinutes(5));
    String token = validFor("alice", 3600);
    authenticate(cache, token, routing(HOME));

    clock.addAndGet(Duration.ofMinutes(5).toMillis() - 1);
    authenticate(cache, token, routing(HOME));
    assertThat(verifications).hasValue(1);

    clock.addAndGet(1);
    authenticate(cache, token, routing(HOME));
    assertThat(verifications).hasValue(2);
  }

  @Test
  void shouldServeATokenOnlyForTheTenantItWasVerifiedFor() {
    VerifiedTokenCache cache = cache(10, Duration.ofMinutes(5));
    String token = validFor("alice", 3600);
    authenticate(cache, token, routing(HOME));

    authenticate(cache, token, routing("entra-3e1f0c9a-7b2d-4a8e-b5c6-d7e8f9a0b1c2"));

    assertThat(verifications).hasValue(2);
  }

  @Test
  void shouldNeverRememberARefusal() {
    VerifiedTokenCache cache = cache(10, Duration.ofMinutes(5));
    String unknown = "eyJhbGciOiJSUzI1NiJ9.e30.unknown";

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> authenticate(cache, unknown, routing(HOME)))
          .isInstanceOf(AuthenticationFailedException.class);
    }

    assertThat(verifications).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  @Test
  void shouldKeepNoMoreThanItsMaximumSize() {
    VerifiedTokenCache cache = cache(3, Duration.ofMinutes(5));
    for (int caller = 0; caller < 10; caller++) {
      authenticate(cache, validFor("caller-" + caller, 3600), routing(HOME));
    }

    assertThat(cache.size()).isLessThanOrEqualTo(3).isPositive();
  }

  @Test
  void shouldVerifyEveryTimeWhenDisabled() {
    VerifiedTokenCache cache = cache(0, Duration.ofMinutes(5));
    String token = validFor("alice", 3600);

    authenticate(cache, token, routing(HOME));
    authenticate(cache, token, routing(HOME));

    assertThat(verifications).hasValue(2);
    assertThat(cache.size()).isZero();
  }

  private String validFor(String name, long seconds) {
    String token = "header." + name + ".signature";
    expiryByToken.put(token, NOW / 1000 + seconds);
    return token;
  }

  private SecurityIdentity authenticate(
      VerifiedTokenCache cache, String token, RoutingContext routing) {
    TokenAuthenticationRequest request =
        new TokenAuthenticationRequest(new AccessTokenCredential(token));
    request.setAttribute(HttpSecurityUtils.ROUTING_CONTEXT_ATTRIBUTE, routing);
    return cache.authenticate(request, null).await().atMost(Duration.ofSeconds(5));
  }

  private double lookups(String result) {
    return registry.get("vigil.oidc.token.cache.lookups").tag("result", result).counter().count();
  }

  private static SecurityIdentity identity(TokenAuthenticationRequest request, long expiry) {
    JwtClaims claims = new JwtClaims();
    claims.setSubject(request.getToken().getToken().split("\\.")[1]);
    claims.setExpirationTimeMinutesInTheFuture(0);
    claims.setClaim("exp", expiry);
    claims.setClaim("preferred_username", claims.getClaimValue("sub"));
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(
            new OidcJwtCallerPrincipal(claims, (AccessTokenCredential) request.getToken(), "sub"))
        .addCredential(request.getToken())
        .addRole("Vigil.Admin")
        .addAttribute(OidcUtils.TENANT_ID_ATTRIBUTE, HOME)
        .addAttribute(
            RoutingContext.class.getName(), HttpSecurityUtils.getRoutingContextAttribute(request))
        .build();
  }

  /** A routing context that knows only the OIDC tenant it was resolved to. */
  private static RoutingContext routing(String tenant) {
    Map<String, Object> data = new HashMap<>(Map.of(OidcUtils.TENANT_ID_ATTRIBUTE, tenant));
    return (RoutingContext)
        Proxy.newProxyInstance(
            RoutingContext.class.getClassLoader(),
            new Class<?>[] {RoutingContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "get" -> data.get((String) args[0]);
                  case "put" -> data.put((String) args[0], args[1]);
                  case "data" -> data;
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  case "toString" -> "routing context for " + tenant;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }
}
