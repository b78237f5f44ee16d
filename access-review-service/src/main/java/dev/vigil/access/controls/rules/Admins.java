package dev.vigil.access.controls.rules;

import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.snapshot.AccessSnapshot.SourcedAccount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The enabled admins and owners seen by a check, for AUTH-01 and AUTH-02. Kept whole: every one of
 * them is evidence, and a directory has a handful.
 */
final class Admins {

  private final AccessSettings settings;
  private final List<SourcedAccount> seen = new ArrayList<>();

  Admins(AccessSettings settings) {
    this.settings = settings;
  }

  void offer(SourcedAccount account) {
    if (account.account().enabled() && account.account().hasAnyRole(settings.adminRoles())) {
      seen.add(account);
    }
  }

  /** The admins seen, by label. */
  List<SourcedAccount> sorted() {
    return seen.stream().sorted(Comparator.comparing(SourcedAccount::label)).toList();
  }

  /** "a, b and 3 more", for summaries. */
  static String names(List<String> labels) {
    if (labels.size() <= 5) {
      return String.join(", ", labels);
    }
    return String.join(", ", labels.subList(0, 5)) + " and " + (labels.size() - 5) + " more";
  }
}
