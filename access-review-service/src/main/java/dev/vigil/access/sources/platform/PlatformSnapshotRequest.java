package dev.vigil.access.sources.platform;

import java.util.List;

/**
 * A snapshot pushed by the platform: everything SCIM cannot carry. Times are ISO-8601 with an
 * offset; fields are checked by {@link PlatformSnapshotParser}, which names the offending field.
 *
 * @param takenAt when the platform read it (default: when it arrives)
 * @param activityTracked false when the platform does not track last activity (then inactivity is
 *     unknown for every member); default true
 * @param members every member, not a delta
 * @param apiKeys every API key, not a delta
 * @param passwordPolicy the admin password policy
 */
public record PlatformSnapshotRequest(
    String takenAt,
    Boolean activityTracked,
    List<Member> members,
    List<Key> apiKeys,
    Policy passwordPolicy) {

  /**
   * @param status ACTIVE or DISABLED
   * @param lastActiveAt null: never active (when activity is tracked)
   * @param mfaEnforced whether the platform's own setting forces MFA for this member
   */
  public record Member(
      String id,
      String displayName,
      String userType,
      String status,
      String createdAt,
      String lastActiveAt,
      List<String> roles,
      List<String> organizations,
      Boolean mfaRegistered,
      Boolean mfaEnforced,
      String managerId) {}

  /**
   * @param status ACTIVE or REVOKED
   */
  public record Key(
      String id,
      String name,
      String ownerId,
      List<String> scopes,
      String createdAt,
      String lastUsedAt,
      String expiresAt,
      String status) {}

  public record Policy(
      Boolean ssoOnly, Integer minLength, Boolean requiresMixed, Integer maxAgeDays) {}
}
