package dev.vigil.access.sources.scim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.access.snapshot.Account;
import dev.vigil.access.snapshot.SignIn;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.access.snapshot.SourceSnapshot;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns SCIM {@code /Users} and {@code /Groups} into a PLATFORM snapshot. SCIM says who the members
 * are, whether they are active, and their groups and roles; it says nothing of API keys, the admin
 * password policy, MFA, organization restrictions, managers or activity. Those are carried over
 * from the previous snapshot (the platform's push), member by member, so a SCIM sync never erases
 * what only the push reports.
 */
final class ScimMembers {

  private final Map<String, JsonNode> users = new LinkedHashMap<>();
  private final Map<String, TreeSet<String>> groupsOf = new HashMap<>();

  void user(JsonNode user) {
    String id = user.path("id").asText(null);
    if (id != null && !id.isBlank()) {
      users.put(id, user);
    }
  }

  /** A group: every member it lists holds the group's display name as a role. */
  void group(JsonNode group) {
    String name = text(group, "displayName");
    if (name == null) {
      return;
    }
    for (JsonNode member : group.path("members")) {
      String id = member.path("value").asText(null);
      if (id != null) {
        groupsOf.computeIfAbsent(id, k -> new TreeSet<>()).add(name);
      }
    }
  }

  SourceSnapshot snapshot(String source, Instant takenAt, SourceSnapshot previous) {
    Map<String, Account> before = new HashMap<>();
    if (previous != null) {
      previous.accounts().forEach(a -> before.put(a.id(), a));
    }
    List<Account> accounts = new ArrayList<>(users.size());
    users.forEach(
        (id, user) -> {
          TreeSet<String> roles = new TreeSet<>(groupsOf.getOrDefault(id, new TreeSet<>()));
          user.path("roles").forEach(r -> roles.add(r.path("value").asText()));
          roles.remove("");
          Account known = before.get(id);
          accounts.add(
              new Account(
                  id,
                  text(user, "displayName") != null
                      ? text(user, "displayName")
                      : text(user, "userName"),
                  text(user, "userType"),
                  user.path("active").asBoolean(true),
                  created(user),
                  known == null ? SignIn.UNKNOWN : known.lastSignIn(),
                  List.copyOf(roles),
                  known == null ? List.of() : known.organizations(),
                  known == null ? null : known.mfaRegistered(),
                  known == null ? null : known.mfaEnforced(),
                  known == null ? null : known.mfaPolicy(),
                  known == null ? null : known.managerId()));
        });
    return new SourceSnapshot(
        source,
        SourceKind.PLATFORM,
        takenAt,
        previous != null && previous.signInActivityAvailable(),
        accounts,
        previous == null ? List.of() : previous.apiKeys(),
        previous == null ? null : previous.passwordPolicy());
  }

  private static Instant created(JsonNode user) {
    String created = text(user.path("meta"), "created");
    try {
      return created == null ? null : OffsetDateTime.parse(created).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }
}
