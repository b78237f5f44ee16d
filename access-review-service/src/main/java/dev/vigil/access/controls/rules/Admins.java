package dev.vigil.access.controls.rules;

import dev.vigil.access.controls.AccessSettings;
import dev.vigil.access.snapshot.AccessSnapshot;
import dev.vigil.access.snapshot.AccessSnapshot.SourcedAccount;
import java.util.List;

/** The enabled admins and owners of a snapshot, for AUTH-01 and AUTH-02. */
final class Admins {

  private Admins() {}

  static List<SourcedAccount> of(AccessSnapshot snapshot, AccessSettings settings) {
    return snapshot
        .accounts()
        .filter(a -> a.account().enabled() && a.account().hasAnyRole(settings.adminRoles()))
        .sorted(java.util.Comparator.comparing(SourcedAccount::label))
        .toList();
  }

  /** "a, b and 3 more", for summaries. */
  static String names(List<String> labels) {
    if (labels.size() <= 5) {
      return String.join(", ", labels);
    }
    return String.join(", ", labels.subList(0, 5)) + " and " + (labels.size() - 5) + " more";
  }
}
