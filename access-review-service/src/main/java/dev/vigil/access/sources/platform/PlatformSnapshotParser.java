package dev.vigil.access.sources.platform;

import dev.vigil.access.snapshot.Account;
import dev.vigil.access.snapshot.ApiKey;
import dev.vigil.access.snapshot.PasswordPolicy;
import dev.vigil.access.snapshot.SignIn;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.access.snapshot.SourceSnapshot;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a pushed platform snapshot and turns it into the model. Collects every violation, each
 * naming its field (e.g. {@code members[3].createdAt}), and never echoes values.
 */
public final class PlatformSnapshotParser {

  static final int MAX_ITEMS = 200_000;
  static final int MAX_TEXT = 255;

  private final List<String> errors = new ArrayList<>();

  private PlatformSnapshotParser() {}

  /** The parsed snapshot, or the list of violations. */
  public record Parsed(SourceSnapshot snapshot, List<String> errors) {}

  public static Parsed parse(String source, PlatformSnapshotRequest request, Instant now) {
    return new PlatformSnapshotParser().run(source, request, now);
  }

  private Parsed run(String source, PlatformSnapshotRequest request, Instant now) {
    if (request == null) {
      return new Parsed(null, List.of("body: a JSON snapshot is required"));
    }
    if (request.members() == null) {
      errors.add("members: required (an empty list when there are none)");
    } else if (request.members().size() > MAX_ITEMS) {
      errors.add("members: at most " + MAX_ITEMS + " entries");
    }
    if (request.apiKeys() != null && request.apiKeys().size() > MAX_ITEMS) {
      errors.add("apiKeys: at most " + MAX_ITEMS + " entries");
    }
    if (!errors.isEmpty()) {
      return new Parsed(null, List.copyOf(errors));
    }
    Instant takenAt = request.takenAt() == null ? now : time("takenAt", request.takenAt());
    if (takenAt != null && takenAt.isAfter(now.plusSeconds(300))) {
      errors.add("takenAt: must not be in the future");
    }
    boolean tracked = !Boolean.FALSE.equals(request.activityTracked());
    List<Account> accounts = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < request.members().size(); i++) {
      Account account = member("members[" + i + "]", request.members().get(i), tracked);
      if (account != null && !ids.add(account.id())) {
        errors.add("members[" + i + "].id: duplicate");
      }
      accounts.add(account);
    }
    List<ApiKey> keys = new ArrayList<>();
    List<PlatformSnapshotRequest.Key> requestKeys =
        request.apiKeys() == null ? List.of() : request.apiKeys();
    Set<String> keyIds = new HashSet<>();
    for (int i = 0; i < requestKeys.size(); i++) {
      ApiKey key = key("apiKeys[" + i + "]", requestKeys.get(i));
      if (key != null && !keyIds.add(key.id())) {
        errors.add("apiKeys[" + i + "].id: duplicate");
      }
      keys.add(key);
    }
    PasswordPolicy policy = policy(request.passwordPolicy());
    if (!errors.isEmpty()) {
      return new Parsed(null, List.copyOf(errors));
    }
    return new Parsed(
        new SourceSnapshot(source, SourceKind.PLATFORM, takenAt, tracked, accounts, keys, policy),
        List.of());
  }

  private Account member(String field, PlatformSnapshotRequest.Member m, boolean tracked) {
    if (m == null) {
      errors.add(field + ": must be an object");
      return null;
    }
    int before = errors.size();
    String id = text(field + ".id", m.id(), true);
    text(field + ".displayName", m.displayName(), false);
    text(field + ".userType", m.userType(), false);
    text(field + ".managerId", m.managerId(), false);
    if (!"ACTIVE".equals(m.status()) && !"DISABLED".equals(m.status())) {
      errors.add(field + ".status: required, ACTIVE or DISABLED");
    }
    Instant created = m.createdAt() == null ? null : time(field + ".createdAt", m.createdAt());
    Instant lastActive =
        m.lastActiveAt() == null ? null : time(field + ".lastActiveAt", m.lastActiveAt());
    names(field + ".roles", m.roles());
    names(field + ".organizations", m.organizations());
    if (errors.size() > before) {
      return null;
    }
    SignIn signIn = tracked ? SignIn.at(lastActive) : SignIn.UNKNOWN;
    return new Account(
        id,
        m.displayName(),
        m.userType(),
        "ACTIVE".equals(m.status()),
        created,
        signIn,
        m.roles(),
        m.organizations(),
        m.mfaRegistered(),
        m.mfaEnforced(),
        Boolean.TRUE.equals(m.mfaEnforced()) ? "platform setting" : null,
        m.managerId());
  }

  private ApiKey key(String field, PlatformSnapshotRequest.Key k) {
    if (k == null) {
      errors.add(field + ": must be an object");
      return null;
    }
    int before = errors.size();
    String id = text(field + ".id", k.id(), true);
    text(field + ".name", k.name(), false);
    text(field + ".ownerId", k.ownerId(), false);
    names(field + ".scopes", k.scopes());
    Instant created = time(field + ".createdAt", k.createdAt());
    Instant lastUsed = k.lastUsedAt() == null ? null : time(field + ".lastUsedAt", k.lastUsedAt());
    Instant expires = k.expiresAt() == null ? null : time(field + ".expiresAt", k.expiresAt());
    if (!"ACTIVE".equals(k.status()) && !"REVOKED".equals(k.status())) {
      errors.add(field + ".status: required, ACTIVE or REVOKED");
    }
    if (errors.size() > before) {
      return null;
    }
    return new ApiKey(
        id,
        k.name(),
        k.ownerId(),
        k.scopes(),
        created,
        lastUsed,
        expires,
        "ACTIVE".equals(k.status()));
  }

  private PasswordPolicy policy(PlatformSnapshotRequest.Policy p) {
    if (p == null) {
      return null;
    }
    if (p.ssoOnly() == null) {
      errors.add("passwordPolicy.ssoOnly: required");
    }
    if (p.minLength() != null && (p.minLength() < 0 || p.minLength() > 1024)) {
      errors.add("passwordPolicy.minLength: 0 to 1024");
    }
    if (p.maxAgeDays() != null && p.maxAgeDays() < 0) {
      errors.add("passwordPolicy.maxAgeDays: must not be negative");
    }
    return new PasswordPolicy(
        Boolean.TRUE.equals(p.ssoOnly()), p.minLength(), p.requiresMixed(), p.maxAgeDays());
  }

  private String text(String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(field + ": required");
      }
      return value;
    }
    if (value.length() > MAX_TEXT) {
      errors.add(field + ": at most " + MAX_TEXT + " characters");
    }
    return value;
  }

  private void names(String field, List<String> values) {
    if (values == null) {
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      text(field + "[" + i + "]", values.get(i), true);
    }
  }

  private Instant time(String field, String value) {
    if (value == null) {
      errors.add(field + ": required");
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      errors.add(field + ": not an ISO-8601 time with offset");
      return null;
    }
  }
}
