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
    while (previous.isPresent() && previous.get().isBefore(end)) {
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
