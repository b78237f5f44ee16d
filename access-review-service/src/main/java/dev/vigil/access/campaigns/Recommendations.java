package dev.vigil.access.campaigns;

import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.controls.ReviewScope;
import dev.vigil.access.controls.rules.ApiKeyReviewRule;
import dev.vigil.access.controls.rules.OrganizationRestrictionRule;
import dev.vigil.access.controls.rules.RoleReviewRule;
import dev.vigil.access.snapshot.Account;
import dev.vigil.access.snapshot.ApiKey;
import dev.vigil.access.snapshot.SourceSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The items a campaign of a scope freezes from one source, each with its recommendation. */
public final class Recommendations {

  static final Duration NEVER_SIGNED_IN_GRACE = Duration.ofDays(30);

  private Recommendations() {}

  /**
   * An item to freeze.
   *
   * @param kind ACCOUNT or API_KEY
   * @param ownerId the account itself, or the key's owner
   * @param managerId the manager of the account or of the key's owner, or null
   * @param reasons why it should be revoked; empty: keep
   */
  public record Item(
      String kind,
      String subjectId,
      String label,
      String ownerId,
      List<String> roles,
      List<String> reasons,
      String managerId) {

    public String recommendation() {
      return reasons.isEmpty() ? "KEEP" : "REVOKE";
    }
  }

  public static List<Item> of(
      ReviewScope scope, SourceSnapshot source, AccessSettings settings, Instant now) {
    List<Item> items = new ArrayList<>();
    if (scope == ReviewScope.API_KEYS) {
      for (ApiKey key : source.apiKeys()) {
        if (key.active()) {
          items.add(
              new Item(
                  CampaignItem.API_KEY,
                  key.id(),
                  key.label(),
                  key.ownerId(),
                  key.scopes(),
                  keyReasons(key, source, settings, now),
                  source.accounts().stream()
                      .filter(a -> a.id().equals(key.ownerId()))
                      .map(Account::managerId)
                      .findFirst()
                      .orElse(null)));
        }
      }
      return items;
    }
    for (Account account : source.accounts()) {
      if (!account.enabled() || !inScope(scope, account, settings)) {
        continue;
      }
      items.add(
          new Item(
              CampaignItem.ACCOUNT,
              account.id(),
              account.label(),
              account.id(),
              account.roles(),
              accountReasons(account, settings, now),
              account.managerId()));
    }
    return items;
  }

  private static boolean inScope(ReviewScope scope, Account account, AccessSettings settings) {
    return switch (scope) {
      case ADMINS -> account.hasAnyRole(settings.adminRoles());
      case ROLES -> !account.roles().isEmpty();
      default -> true;
    };
  }

  static List<String> accountReasons(Account a, AccessSettings settings, Instant now) {
    List<String> reasons = new ArrayList<>();
    if (a.lastSignIn().known()
        && a.lastSignIn().at() != null
        && a.lastSignIn().inactiveFor(settings.inactivity(), a.createdAt(), now)) {
      reasons.add("inactive for more than " + settings.inactivity().toDays() + " days");
    }
    if (a.lastSignIn().known()
        && a.lastSignIn().at() == null
        && a.createdAt() != null
        && a.createdAt().isBefore(now.minus(NEVER_SIGNED_IN_GRACE))) {
      reasons.add("never signed in, created more than 30 days ago");
    }
    if (a.hasAnyRole(settings.adminRoles())
        && (!Boolean.TRUE.equals(a.mfaRegistered()) || !Boolean.TRUE.equals(a.mfaEnforced()))) {
      reasons.add(
          "admin without MFA "
              + (!Boolean.TRUE.equals(a.mfaRegistered()) ? "registered" : "enforced"));
    }
    for (String role : a.roles()) {
      List<String> policy = settings.rolePolicies().get(role);
      if (policy != null && !RoleReviewRule.allowed(a, policy)) {
        reasons.add("role " + role + " breaks its role policy");
      }
    }
    if (a.organizations().isEmpty() && OrganizationRestrictionRule.mustBeRestricted(a, settings)) {
      reasons.add("matches a restriction rule but has no organization restriction");
    }
    return reasons;
  }

  static List<String> keyReasons(
      ApiKey key, SourceSnapshot source, AccessSettings settings, Instant now) {
    List<String> reasons = new ArrayList<>();
    if (ApiKeyReviewRule.expired(key, now)) {
      reasons.add("expired");
    } else if (ApiKeyReviewRule.unused(key, settings.apiKeyUnused(), now)) {
      reasons.add("unused for more than " + settings.apiKeyUnused().toDays() + " days");
    }
    Optional<Account> owner =
        source.accounts().stream().filter(a -> a.id().equals(key.ownerId())).findFirst();
    if (owner.isPresent() && !owner.get().enabled()) {
      reasons.add("owner is disabled");
    }
    return reasons;
  }
}
