package dev.vigil.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class TenantRolesTest {

  private static final String HOME = "8f5c2a8e-4f0e-4c3e-9a43-6a1c1d0b7e21";
  private static final String PARTNER = "5b2c9d1e-3f4a-4b6c-8d7e-9f0a1b2c3d4e";
  private static final String GUEST = "9e4f1a3b-5c6d-4e8f-a0b1-c2d3e4f5a6b7";

  private final TenantRoles rules =
      new TenantRoles(config(Map.of("partner", foreign(PARTNER, Roles.AUDITOR, Roles.REVIEWER))));

  @Test
  void shouldKeepOnlyTheRolesGrantedToAForeignTenant() {
    SecurityIdentity augmented = augment(PARTNER, Roles.ADMIN, Roles.AUDITOR);

    assertThat(augmented.getRoles()).containsExactly(Roles.AUDITOR);
    assertThat(augmented.getPrincipal().getName()).isEqualTo("caller");
  }

  @Test
  void shouldGiveAForeignTenantWithoutAnEntryNoRole() {
    assertThat(augment(GUEST, Roles.ADMIN, Roles.SERVICE).getRoles()).isEmpty();
  }

  @Test
  void shouldLeaveTheHomeTenantsRolesAlone() {
    assertThat(augment(HOME, Roles.ADMIN, Roles.SERVICE).getRoles())
        .containsExactlyInAnyOrder(Roles.ADMIN, Roles.SERVICE);
  }

  @Test
  void shouldRunAfterEveryOtherAugmentor() {
    assertThat(rules.priority()).isEqualTo(Integer.MIN_VALUE);
  }

  private SecurityIdentity augment(String tenant, String... roles) {
    SecurityIdentity identity =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(token(Map.of("tid", tenant)))
            .addRoles(Set.of(roles))
            .build();
    return rules.augment(identity, null).await().atMost(Duration.ofSeconds(5));
  }

  private static JsonWebToken token(Map<String, Object> claims) {
    return new JsonWebToken() {
      @Override
      public String getName() {
        return "caller";
      }

      @Override
      public Set<String> getClaimNames() {
        return claims.keySet();
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> T getClaim(String name) {
        return (T) claims.get(name);
      }
    };
  }

  private static EntraIdConfig.ForeignTenant foreign(String tenant, String... roles) {
    return new EntraIdConfig.ForeignTenant() {
      @Override
      public String tenantId() {
        return tenant;
      }

      @Override
      public List<String> roles() {
        return List.of(roles);
      }
    };
  }

  private static EntraIdConfig config(Map<String, EntraIdConfig.ForeignTenant> foreign) {
    return new EntraIdConfig() {
      @Override
      public String authority() {
        return "https://login.microsoftonline.com";
      }

      @Override
      public String tenantId() {
        return HOME;
      }

      @Override
      public String clientId() {
        return "api";
      }

      @Override
      public String stepUpContext() {
        return "c1";
      }

      @Override
      public Optional<List<String>> allowedTenants() {
        return Optional.of(List.of(HOME, PARTNER, GUEST));
      }

      @Override
      public Map<String, ForeignTenant> foreignTenants() {
        return foreign;
      }

      @Override
      public boolean acceptV1Tokens() {
        return false;
      }

      @Override
      public TokenCache tokenCache() {
        return null;
      }
    };
  }
}
