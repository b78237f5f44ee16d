package dev.vigil.backups.targets;

/**
 * Grandfather-father-son retention: the newest verified backup of each of the last {@code hourly}
 * hours, {@code daily} days, {@code weekly} ISO weeks, {@code monthly} months and {@code yearly}
 * years is kept, and never fewer than {@code minimum} backups.
 */
public record RetentionPolicy(
    int hourly, int daily, int weekly, int monthly, int yearly, int minimum) {

  public RetentionPolicy {
    for (int count : new int[] {hourly, daily, weekly, monthly, yearly, minimum}) {
      if (count < 0) {
        throw new IllegalArgumentException("retention counts cannot be negative");
      }
    }
  }

  /** e.g. {@code hourly=24 daily=7 weekly=4 monthly=12 yearly=1 minimum=3}. */
  public String describe() {
    return "hourly=%d daily=%d weekly=%d monthly=%d yearly=%d minimum=%d"
        .formatted(hourly, daily, weekly, monthly, yearly, minimum);
  }

  /** Whether the policy keeps anything at all. */
  public boolean keepsSomething() {
    return hourly + daily + weekly + monthly + yearly + minimum > 0;
  }
}
