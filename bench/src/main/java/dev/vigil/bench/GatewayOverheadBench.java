package dev.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The same authenticated GET sent straight to key-service and through the gateway (token
 * validation, rate limiting, routing, an audit event through the outbox), phase by phase in one
 * run: at a fixed moderate rate (open loop: latency counts from the planned send time, so a slow
 * answer cannot hide the requests queued behind it) and at saturation (a fixed number of callers
 * sending back to back).
 */
public final class GatewayOverheadBench {

  private static final String PATH = "/api/v1/keys/environments";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .executor(Executors.newFixedThreadPool(4))
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String token;
  private final ProcessCpu cpu;

  private GatewayOverheadBench(String token, ProcessCpu cpu) {
    this.token = token;
    this.cpu = cpu;
  }

  /**
   * Args: direct URL, gateway URL, token, seconds per phase, rate, callers, rounds, and the
   * processes to account CPU to: {@code gateway=PID,service=PID,kafka=PID}.
   */
  public static void main(String[] args) throws Exception {
    String direct = args[0];
    String gateway = args[1];
    int seconds = Integer.parseInt(args[3]);
    int rate = Integer.parseInt(args[4]);
    int callers = Integer.parseInt(args[5]);
    int rounds = Integer.parseInt(args[6]);
    Map<String, Long> pids = new LinkedHashMap<>();
    for (String named : args[7].split(",")) {
      String[] nameAndPid = named.split("=", 2);
      pids.put(nameAndPid[0], Long.parseLong(nameAndPid[1]));
    }
    GatewayOverheadBench bench = new GatewayOverheadBench(args[2], new ProcessCpu(pids));
    bench.warmUp(direct, gateway, callers, seconds, pids.get("gateway"), pids.get("service"));

    List<double[]> moderate = new ArrayList<>();
    List<double[]> saturated = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Rate directRate = bench.fixedRate(direct, rate, seconds);
      Rate gatewayRate = bench.fixedRate(gateway, rate, seconds);
      System.out.printf(
          Locale.ROOT,
          "[bench] round %d at %d req/s: p50 %.2f / %.2f ms, p99 %.2f / %.2f ms (direct / gateway), errors %d / %d%n",
          round,
          rate,
          directRate.p50,
          gatewayRate.p50,
          directRate.p99,
          gatewayRate.p99,
          directRate.errors,
          gatewayRate.errors);
      moderate.add(new double[] {directRate.p99, gatewayRate.p99, directRate.p50, gatewayRate.p50});
      Throughput directMax = bench.saturate(direct, callers, seconds);
      Throughput gatewayMax = bench.saturate(gateway, callers, seconds);
      System.out.printf(
          Locale.ROOT,
          "[bench] round %d, %d callers: %.0f / %.0f req/s (direct / gateway), errors %d / %d%n",
          round,
          callers,
          directMax.perSecond,
          gatewayMax.perSecond,
          directMax.errors,
          gatewayMax.errors);
      System.out.printf(
          Locale.ROOT,
          "[bench] round %d, CPU ms per request (direct / gateway): %s%n",
          round,
          costs(directMax.cpuMsPerRequest, gatewayMax.cpuMsPerRequest));
      saturated.add(new double[] {directMax.perSecond, gatewayMax.perSecond});
    }
    double directP99 = mean(moderate, 0);
    double gatewayP99 = mean(moderate, 1);
    double directP50 = mean(moderate, 2);
    double gatewayP50 = mean(moderate, 3);
    double directMax = mean(saturated, 0);
    double gatewayMax = mean(saturated, 1);
    System.out.printf(
        Locale.ROOT,
        "gateway-overhead latency at %d req/s: p99 added %.2f ms (gateway %.2f ms, direct %.2f ms), p50 added %.2f ms%n",
        rate,
        gatewayP99 - directP99,
        gatewayP99,
        directP99,
        gatewayP50 - directP50);
    System.out.printf(
        Locale.ROOT,
        "gateway-overhead: %.0f req/s, baseline %.0f req/s, ratio %.2f%n",
        gatewayMax,
        directMax,
        gatewayMax / directMax);
    System.exit(0);
  }

  private record Rate(double p50, double p99, long errors) {}

  /**
   * @param cpuMsPerRequest CPU milliseconds each process spent per completed request
   */
  private record Throughput(double perSecond, long errors, Map<String, Double> cpuMsPerRequest) {}

  /**
   * Saturates both paths in turns until neither JVM is still compiling much: C2 keeps compiling for
   * minutes on a small machine, and a phase measured during that measures the JIT. At most ten
   * turns, at least one.
   */
  private void warmUp(
      String direct, String gateway, int callers, int seconds, long gatewayPid, long servicePid)
      throws Exception {
    int slice = Math.max(2, seconds / 2);
    int turns = seconds <= 5 ? 1 : 10;
    for (int turn = 1; turn <= turns; turn++) {
      double gatewayBefore = ProcessCpu.compileSeconds(gatewayPid);
      double serviceBefore = ProcessCpu.compileSeconds(servicePid);
      saturate(direct, callers, slice);
      saturate(gateway, callers, slice);
      double gatewayCompiled = ProcessCpu.compileSeconds(gatewayPid) - gatewayBefore;
      double serviceCompiled = ProcessCpu.compileSeconds(servicePid) - serviceBefore;
      System.out.printf(
          Locale.ROOT,
          "[bench] warm-up %d: JIT compiled %.1f s in the gateway, %.1f s in the service%n",
          turn,
          gatewayCompiled,
          serviceCompiled);
      if (gatewayCompiled < 1 && serviceCompiled < 1) {
        return;
      }
    }
  }

  private static String costs(Map<String, Double> direct, Map<String, Double> gateway) {
    StringBuilder line = new StringBuilder();
    gateway.forEach(
        (name, ms) ->
            line.append(line.length() == 0 ? "" : ", ")
                .append(
                    String.format(
                        Locale.ROOT, "%s %.2f / %.2f", name, direct.getOrDefault(name, 0.0), ms)));
    double directTotal = direct.values().stream().mapToDouble(Double::doubleValue).sum();
    double gatewayTotal = gateway.values().stream().mapToDouble(Double::doubleValue).sum();
    return line.append(String.format(Locale.ROOT, "; total %.2f / %.2f", directTotal, gatewayTotal))
        .toString();
  }

  private Rate fixedRate(String base, int rate, int seconds) throws Exception {
    int total = rate * seconds;
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong errors = new AtomicLong();
    List<CompletableFuture<?>> pending = new ArrayList<>(total);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    long start = System.nanoTime() + 50_000_000L;
    long interval = 1_000_000_000L / rate;
    for (int i = 0; i < total; i++) {
      long planned = start + i * interval;
      CompletableFuture<Void> done = new CompletableFuture<>();
      pending.add(done);
      ticker.schedule(
          () ->
              send(base)
                  .whenComplete(
                      (status, failure) -> {
                        latencies.add(System.nanoTime() - planned);
                        if (failure != null || status != 200) {
                          errors.incrementAndGet();
                        }
                        done.complete(null);
                      }),
          planned - System.nanoTime(),
          TimeUnit.NANOSECONDS);
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .get(seconds + 60L, TimeUnit.SECONDS);
    ticker.shutdown();
    long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Rate(percentile(sorted, 0.50), percentile(sorted, 0.99), errors.get());
  }

  private Throughput saturate(String base, int callers, int seconds) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<CompletableFuture<Void>> loops = new ArrayList<>();
    Map<String, Double> cpuBefore = cpu.snapshot();
    long start = System.nanoTime();
    for (int i = 0; i < callers; i++) {
      CompletableFuture<Void> loop = new CompletableFuture<>();
      loops.add(loop);
      next(base, running, completed, errors, loop);
    }
    Thread.sleep(seconds * 1000L);
    running.set(false);
    long elapsed = System.nanoTime() - start;
    long count = completed.get();
    Map<String, Double> cpuAfter = cpu.snapshot();
    CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    Map<String, Double> perRequest = new LinkedHashMap<>();
    cpuAfter.forEach(
        (name, after) ->
            perRequest.put(name, (after - cpuBefore.get(name)) * 1000 / Math.max(1, count)));
    return new Throughput(count * 1e9 / elapsed, errors.get(), perRequest);
  }

  private void next(
      String base,
      AtomicBoolean running,
      AtomicLong completed,
      AtomicLong errors,
      CompletableFuture<Void> loop) {
    if (!running.get()) {
      loop.complete(null);
      return;
    }
    send(base)
        .whenComplete(
            (status, failure) -> {
              if (failure != null || status != 200) {
                errors.incrementAndGet();
              } else {
                completed.incrementAndGet();
              }
              next(base, running, completed, errors, loop);
            });
  }

  private CompletableFuture<Integer> send(String base) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + PATH))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .thenApply(HttpResponse::statusCode);
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }

  private static double mean(List<double[]> rows, int column) {
    return rows.stream().mapToDouble(row -> row[column]).average().orElse(Double.NaN);
  }
}
