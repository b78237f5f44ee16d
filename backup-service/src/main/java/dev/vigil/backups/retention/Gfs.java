package dev.vigil.backups.retention;

import dev.vigil.backups.targets.RetentionPolicy;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Grandfather-father-son retention over a target's verified backups, as pure functions: which to
 * keep and why, and which periods of the policy's horizon have no backup.
 */
public final class Gfs {

  /** A verified backup as retention sees it. */
  public record Candidate(UUID id, OffsetDateTime snapshotAt, boolean held) {}

  /** The backups to keep, each with why, and those the policy lets go. */
  public record Selection(Map<UUID, List<String>> keep, List<UUID> delete) {}

  /** One level of the policy: how many periods, and how a time maps to its period. */
  private record Level(String name, int count, Function<OffsetDateTime, String> period) {}

  private Gfs() {}

  private static List<Level> levels(RetentionPolicy policy) {
    return List.of(
        new Level("hourly", policy.hourly(), t -> utc(t).truncatedTo(ChronoUnit.HOURS).toString()),
        new Level("daily", policy.daily(), t -> utc(t).toLocalDate().toString()),
        new Level(
            "weekly",
            policy.weekly(),
            t ->
                utc(t).get(IsoFields.WEEK_BASED_YEAR)
                    + "-W"
                    + utc(t).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
        new Level(
            "monthly", policy.monthly(), t -> utc(t).getYear() + "-" + utc(t).getMonthValue()),
        new Level("yearly", policy.yearly(), t -> Integer.toString(utc(t).getYear())));
  }

  /**
   * Keeps the newest backup, every held one, the newest of each of the last {@code n} periods per
   * level that have backups, and the newest {@code minimum}; everything else may go.
   */
  public static Selection select(List<Candidate> verified, RetentionPolicy policy) {
    List<Candidate> newestFirst =
        verified.stream().sorted(Comparator.comparing(Candidate::snapshotAt).reversed()).toList();
    Map<UUID, List<String>> keep = new LinkedHashMap<>();
    if (!newestFirst.isEmpty()) {
      because(keep, newestFirst.get(0), "newest");
    }
    newestFirst.stream().filter(Candidate::held).forEach(c -> because(keep, c, "held"));
    for (int i = 0; i < Math.min(policy.minimum(), newestFirst.size()); i++) {
      because(keep, newestFirst.get(i), "minimum");
    }
    for (Level level : levels(policy)) {
      Set<String> periods = new LinkedHashSet<>();
      for (Candidate c : newestFirst) {
        String period = level.period().apply(c.snapshotAt());
        if (periods.size() >= level.count() && !periods.contains(period)) {
          break;
        }
        if (periods.add(period)) {
          because(keep, c, level.name() + " " + period);
        }
      }
    }
    List<UUID> delete =
        newestFirst.stream().map(Candidate::id).filter(id -> !keep.containsKey(id)).toList();
    return new Selection(keep, delete);
  }

  /**
   * Periods of the policy's horizon that hold no kept backup, counted back from {@code now} but not
   * before the first backup ever verified (a young target cannot have them yet).
   */
  public static List<String> gaps(
      List<Candidate> kept, RetentionPolicy policy, OffsetDateTime now, OffsetDateTime history) {
    List<String> gaps = new ArrayList<>();
    for (Level level : levels(policy)) {
      Set<String> covered = new LinkedHashSet<>();
      kept.forEach(c -> covered.add(level.period().apply(c.snapshotAt())));
      ChronoUnit unit = unit(level.name());
      OffsetDateTime cursor = now;
      // The current period may not have its backup yet; the horizon is the completed ones.
      for (int i = 0; i < level.count(); i++) {
        cursor = cursor.minus(1, unit);
        if (cursor.isBefore(history)
            && !level.period().apply(cursor).equals(level.period().apply(history))) {
          break;
        }
        String period = level.period().apply(cursor);
        if (!covered.contains(period)) {
          gaps.add(level.name() + " " + period);
        }
      }
    }
    return gaps;
  }

  private static ChronoUnit unit(String level) {
    return switch (level) {
      case "hourly" -> ChronoUnit.HOURS;
      case "daily" -> ChronoUnit.DAYS;
      case "weekly" -> ChronoUnit.WEEKS;
      case "monthly" -> ChronoUnit.MONTHS;
      default -> ChronoUnit.YEARS;
    };
  }

  private static void because(Map<UUID, List<String>> keep, Candidate c, String reason) {
    keep.computeIfAbsent(c.id(), id -> new ArrayList<>()).add(reason);
  }

  private static OffsetDateTime utc(OffsetDateTime t) {
    return t.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
