package dev.vigil.gateway.checklist;

import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.gateway.catalogue.ControlCatalogue;
import dev.vigil.gateway.catalogue.ControlDefinition;
import dev.vigil.gateway.catalogue.SectionDefinition;
import jakarta.ws.rs.BadRequestException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The checklist's query filters: sections, owners and statuses, each any-of; empty means all.
 * Status filtering happens after resolution, so it is applied to the assembled view.
 */
record ChecklistFilter(Set<String> sections, Set<String> owners, Set<ControlStatus> statuses) {

  static ChecklistFilter parse(
      List<String> sections,
      List<String> owners,
      List<String> statuses,
      ControlCatalogue catalogue) {
    Set<String> knownSections =
        catalogue.sections().stream().map(SectionDefinition::id).collect(Collectors.toSet());
    Set<String> knownOwners =
        catalogue.controls().stream().map(ControlDefinition::owner).collect(Collectors.toSet());
    return new ChecklistFilter(
        checked(sections, knownSections, "section"),
        checked(owners, knownOwners, "owner"),
        split(statuses).stream().map(ChecklistFilter::status).collect(Collectors.toSet()));
  }

  Predicate<ControlDefinition> controls() {
    return c ->
        (sections.isEmpty() || sections.contains(c.section()))
            && (owners.isEmpty() || owners.contains(c.owner()));
  }

  ChecklistView apply(ChecklistView view) {
    if (statuses.isEmpty()) {
      return view;
    }
    List<ChecklistView.ControlView> kept =
        view.controls().stream().filter(c -> statuses.contains(c.status())).toList();
    return new ChecklistView(
        view.generatedAt(), view.asOf(), view.summary(), view.sections(), kept);
  }

  private static Set<String> checked(List<String> values, Set<String> known, String name) {
    Set<String> chosen = split(values);
    chosen.stream()
        .filter(v -> !known.contains(v))
        .findFirst()
        .ifPresent(
            v -> {
              throw new BadRequestException(
                  "unknown "
                      + name
                      + " '"
                      + abbreviate(v)
                      + "'; one of "
                      + known.stream().sorted().toList());
            });
    return chosen;
  }

  private static ControlStatus status(String value) {
    try {
      return ControlStatus.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "unknown status '" + abbreviate(value) + "'; one of " + List.of(ControlStatus.values()));
    }
  }

  /** Accepts repeated parameters and comma-separated lists alike. */
  private static Set<String> split(List<String> values) {
    return values == null
        ? Set.of()
        : values.stream()
            .flatMap(v -> java.util.Arrays.stream(v.split(",")))
            .map(String::trim)
            .filter(v -> !v.isEmpty())
            .collect(Collectors.toSet());
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }
}
