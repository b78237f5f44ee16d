package dev.vigil.access.controls;

import dev.vigil.access.AccessConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the rules compare against, from {@link AccessConfig}. Immutable.
 *
 * @param adminRoles role names that make an account an admin or owner
 * @param maxAdmins AUTH-01's maximum
 * @param inactivity ACC-01's inactivity threshold
 * @param apiKeyUnused ACC-04's threshold
 * @param reviewMaxAge how old the last completed review may be
 * @param passwordMinLength AUTH-01's shortest acceptable admin password
 * @param passwordRequireMixed whether AUTH-01 wants mixed character classes
 * @param restrictedUserTypes ACC-03: userTypes that need an organization restriction
 * @param restrictedIdPatterns ACC-03: account ids that need one
 * @param rolePolicies ACC-02: role to allowed selectors ({@code org:x}, {@code account:y})
 */
public record AccessSettings(
    List<String> adminRoles,
    int maxAdmins,
    Duration inactivity,
    Duration apiKeyUnused,
    Duration reviewMaxAge,
    int passwordMinLength,
    boolean passwordRequireMixed,
    List<String> restrictedUserTypes,
    List<Pattern> restrictedIdPatterns,
    Map<String, List<String>> rolePolicies) {

  public AccessSettings {
    adminRoles = List.copyOf(adminRoles);
    restrictedUserTypes = List.copyOf(restrictedUserTypes);
    restrictedIdPatterns = List.copyOf(restrictedIdPatterns);
    rolePolicies = Map.copyOf(rolePolicies);
  }

  public static AccessSettings of(AccessConfig config) {
    return new AccessSettings(
        config.adminRoles(),
        config.maxAdmins(),
        config.inactivityThreshold(),
        config.apiKeyUnusedThreshold(),
        config.reviewMaxAge(),
        config.password().minLength(),
        config.password().requireMixed(),
        config.restriction().userTypes(),
        config.restriction().idPatterns().orElse(List.of()).stream().map(Pattern::compile).toList(),
        config.rolePolicies());
  }

  /** The defaults of {@link AccessConfig}, for tests of the rules. */
  public static AccessSettings defaults() {
    return new AccessSettings(
        List.of("admin", "owner", "Admin", "Owner"),
        5,
        Duration.ofDays(90),
        Duration.ofDays(90),
        Duration.ofDays(92),
        12,
        true,
        List.of("Guest"),
        List.of(),
        Map.of());
  }
}
