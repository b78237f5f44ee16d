package dev.vigil.backups.targets;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

/** A Unix cron expression (five fields, UTC), as targets schedule backups and restore tests. */
public final class CronSchedule {

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser WITH_SECONDS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));
  private static final java.util.Map<String, String> DESCRIPTORS =
      java.util.Map.of(
          "@yearly", "0 0 0 1 1 *",
          "@annually", "0 0 0 1 1 *",
          "@monthly", "0 0 0 1 * *",
          "@weekly", "0 0 0 * * 0",
          "@daily", "0 0 0 * * *",
          "@midnight", "0 0 0 * * *",
          "@hourly", "0 0 * * * *");

  private final String expression;
  private final ExecutionTime times;

  private CronSchedule(String expression, ExecutionTime times) {
    this.expression = expression;
    this.times = times;
  }

  /**
   * @throws IllegalArgumentException when the expression is not valid Unix cron
   */
  public static CronSchedule parse(String expression) {
    if (expression == null || expression.isBlank() || expression.length() > 64) {
      throw new IllegalArgumentException("a cron expression of five fields is required");
    }
    try {
      return new CronSchedule(expression, ExecutionTime.forCron(PARSER.parse(expression.trim())));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid Unix cron expression: " + e.getMessage());
    }
  }

  /**
   * A schedule as CloudNativePG writes it (Go's robfig/cron: six fields with seconds first, or a
   * descriptor such as {@code @hourly}).
   *
   * @throws IllegalArgumentException when the expression cannot be read
   */
  public static CronSchedule parseWithSeconds(String expression) {
    if (expression == null || expression.isBlank() || expression.length() > 64) {
      throw new IllegalArgumentException("a cron expression of six fields is required");
    }
    String cron = DESCRIPTORS.getOrDefault(expression.trim(), expression.trim());
    try {
      return new CronSchedule(expression, ExecutionTime.forCron(WITH_SECONDS.parse(cron)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a valid six-field cron expression: " + e.getMessage());
    }
  }

  public String expression() {
    return expression;
  }

  /** The last time the schedule fired at or before {@code at}. */
  public Optional<ZonedDateTime> lastFire(ZonedDateTime at) {
    return times.lastExecution(at.plusSeconds(1));
  }

  /** The next time the schedule fires after {@code at}. */
  public Optional<ZonedDateTime> nextFire(ZonedDateTime at) {
    return times.nextExecution(at);
  }

  /**
   * The longest gap between two consecutive firings over the week after {@code from}: what an
   * operator promises by this schedule (DB-03 asks for at most an hour).
   */
  public Duration longestGap(ZonedDateTime from) {
    Duration longest = Duration.ZERO;
    ZonedDateTime end = from.plusDays(7);
    Optional<ZonedDateTime> previous = nextFire(from);
    // Bounded: a schedule firing every second would otherwise take 600,000 steps.
    for (int steps = 0;
        steps < 20_000 && previous.isPresent() && previous.get().isBefore(end);
        steps++) {
      Optional<ZonedDateTime> next = nextFire(previous.get());
      if (next.isEmpty()) {
        break;
      }
      Duration gap = Duration.between(previous.get(), next.get());
      if (gap.compareTo(longest) > 0) {
        longest = gap;
      }
      previous = next;
    }
    return longest.isZero() ? Duration.ofDays(366) : longest;
  }
}
