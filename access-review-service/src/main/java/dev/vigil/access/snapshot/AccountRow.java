package dev.vigil.access.snapshot;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An account row as a query reads it: a projection, so a page of them never enters the persistence
 * context and is garbage once the page has been handled.
 */
public record AccountRow(
    String externalId,
    String displayName,
    String userType,
    boolean enabled,
    OffsetDateTime createdAt,
    OffsetDateTime lastSignInAt,
    boolean signInKnown,
    List<String> roles,
    List<String> organizations,
    Boolean mfaRegistered,
    Boolean mfaEnforced,
    String mfaPolicy,
    String managerId) {

  /** The HQL that selects this projection; callers append the where clause. */
  static final String SELECT =
      "select new dev.vigil.access.snapshot.AccountRow(a.externalId, a.displayName, a.userType,"
          + " a.enabled, a.createdAt, a.lastSignInAt, a.signInKnown, a.roles, a.organizations,"
          + " a.mfaRegistered, a.mfaEnforced, a.mfaPolicy, a.managerId) from AccountRecord a ";

  Account toAccount() {
    return new Account(
        externalId,
        displayName,
        userType,
        enabled,
        Times.instant(createdAt),
        signInKnown ? SignIn.at(Times.instant(lastSignInAt)) : null,
        roles,
        organizations,
        mfaRegistered,
        mfaEnforced,
        mfaPolicy,
        managerId);
  }
}
