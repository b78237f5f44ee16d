package dev.vigil.access.controls.rules;

import dev.vigil.access.controls.ReviewHistory;
import dev.vigil.access.controls.ReviewHistory.CompletedReview;
import dev.vigil.access.controls.ReviewScope;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.access.snapshot.Account;
import dev.vigil.access.snapshot.ApiKey;
import dev.vigil.access.snapshot.PasswordPolicy;
import dev.vigil.access.snapshot.SignIn;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.access.snapshot.SourceSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Small snapshots for the rule tests. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

  private Fixtures() {}

  static Account member(String id) {
    return new Account(
        id,
        id,
        "Member",
        true,
        NOW.minus(Duration.ofDays(400)),
        SignIn.at(NOW.minus(Duration.ofDays(3))),
        List.of("member"),
        List.of(),
        true,
        true,
        "platform setting",
        null);
  }

  static Account admin(String id, Boolean registered, Boolean enforced, String policy) {
    return new Account(
        id,
        id,
        "Member",
        true,
        NOW.minus(Duration.ofDays(400)),
        SignIn.at(NOW.minus(Duration.ofDays(1))),
        List.of("admin"),
        List.of(),
        registered,
        enforced,
        policy,
        null);
  }

  static Account withSignIn(Account a, SignIn signIn) {
    return new Account(
        a.id(),
        a.displayName(),
        a.userType(),
        a.enabled(),
        a.createdAt(),
        signIn,
        a.roles(),
        a.organizations(),
        a.mfaRegistered(),
        a.mfaEnforced(),
        a.mfaPolicy(),
        a.managerId());
  }

  static Account with(Account a, String userType, List<String> roles, List<String> orgs) {
    return new Account(
        a.id(),
        a.displayName(),
        userType,
        a.enabled(),
        a.createdAt(),
        a.lastSignIn(),
        roles,
        orgs,
        a.mfaRegistered(),
        a.mfaEnforced(),
        a.mfaPolicy(),
        a.managerId());
  }

  static ApiKey key(String id, Instant lastUsed, Instant expires) {
    return new ApiKey(
        id,
        "key " + id,
        "alice",
        List.of("read"),
        NOW.minus(Duration.ofDays(200)),
        lastUsed,
        expires,
        true);
  }

  static AccessSnapshot platform(List<Account> accounts, List<ApiKey> keys, PasswordPolicy p) {
    return AccessSnapshot.of(
        new SourceSnapshot("platform", SourceKind.PLATFORM, NOW, true, accounts, keys, p));
  }

  static AccessSnapshot platform(Account... accounts) {
    return platform(List.of(accounts), List.of(), null);
  }

  static ReviewHistory reviewed(ReviewScope scope, Duration ago, Set<String> covered) {
    return new ReviewHistory(
        List.of(
            new CompletedReview(
                "c-1",
                scope,
                NOW.minus(ago).minus(Duration.ofDays(14)),
                NOW.minus(ago),
                covered,
                List.of())));
  }
}
