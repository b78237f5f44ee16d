package dev.vigil.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the local processes of a benchmark, read from {@code /proc} (Linux): which process
 * pays how much per request, and whether a JVM is still compiling.
 */
final class ProcessCpu {

  private static final double TICKS_PER_SECOND = ticksPerSecond();

  private final Map<String, Long> pids;

  /** Named processes; the name {@code postgres} means every PostgreSQL process. */
  ProcessCpu(Map<String, Long> pids) {
    this.pids = pids;
  }

  /** CPU seconds used so far, per name. */
  Map<String, Double> snapshot() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    pids.forEach((name, pid) -> seconds.put(name, ticks(pid) / TICKS_PER_SECOND));
    seconds.put("postgres", postgresTicks() / TICKS_PER_SECOND);
    seconds.put("bench client", ticks(ProcessHandle.current().pid()) / TICKS_PER_SECOND);
    return seconds;
  }

  /** Seconds the JVM's JIT compilers have spent so far ({@code jstat -compiler}), or NaN. */
  static double compileSeconds(long pid) {
    try {
      Process jstat = new ProcessBuilder("jstat", "-compiler", Long.toString(pid)).start();
      String[] lines =
          new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n");
      jstat.waitFor();
      return lines.length < 2 ? Double.NaN : Double.parseDouble(lines[1].trim().split("\\s+")[3]);
    } catch (IOException | InterruptedException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static long ticks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long postgresTicks() {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      return processes
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> isPostgres(p.resolve("comm")))
          .mapToLong(p -> ticks(Long.parseLong(p.getFileName().toString())))
          .sum();
    } catch (IOException e) {
      return 0;
    }
  }

  private static boolean isPostgres(Path comm) {
    try {
      return Files.readString(comm).trim().equals("postgres");
    } catch (IOException e) {
      return false;
    }
  }

  private static double ticksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
      String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      getconf.waitFor();
      return Double.parseDouble(out.trim());
    } catch (IOException | InterruptedException | RuntimeException e) {
      return 100;
    }
  }
}
