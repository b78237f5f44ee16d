package dev.vigil.access.controls.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Labels of the accounts or keys that a rule flags: all of them counted, the first {@link #KEPT}
 * kept for the evidence, so a directory where everyone is flagged still gives bounded evidence.
 */
final class Labels {

  static final int KEPT = 200;

  private final List<String> kept = new ArrayList<>();
  private int count;

  void add(String label) {
    if (kept.size() < KEPT) {
      kept.add(label);
    }
    count++;
  }

  int count() {
    return count;
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** The kept labels, for the evidence's facts. */
  List<String> kept() {
    return List.copyOf(kept);
  }

  /** "a, b and 3 more", for summaries. */
  String names() {
    if (count <= 5) {
      return String.join(", ", kept);
    }
    return String.join(", ", kept.subList(0, 5)) + " and " + (count - 5) + " more";
  }
}
