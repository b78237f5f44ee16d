package dev.vigil.bench;

import dev.vigil.bench.SyntheticAuditEvents.Event;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code bench/run audit-ingest}: audit events from Kafka to stored, chained, queryable entries
 * (the running audit-log-service), against plain batched JDBC inserts of the same rows into the
 * same PostgreSQL, then produce-to-queryable latency at half the measured maximum rate, with
 * brute-force bursts mixed in to time alerts.
 *
 * <p>Arguments: bootstrap servers, service database JDBC URL, baseline database JDBC URL, events
 * for the throughput phases, seconds for the latency phase.
 */
public final class AuditIngestBench {

  private static final String TOPIC = "vigil.audit";
  private static final String ALERTS = "vigil.security-alerts";
  private static final String SOURCE = "/vigil-bench";
  private static final int JDBC_BATCH = 500;
  private static final Pattern SUBJECT = Pattern.compile("\"subject\"\\s*:\\s*\"([^\"]+)\"");

  private final String bootstrap;
  private final String serviceDb;
  private final String baselineDb;
  private final SyntheticAuditEvents events = new SyntheticAuditEvents();

  private AuditIngestBench(String bootstrap, String serviceDb, String baselineDb) {
    this.bootstrap = bootstrap;
    this.serviceDb = serviceDb;
    this.baselineDb = baselineDb;
  }

  /**
   * {@code backlog BOOTSTRAP SERVICE_DB BASELINE_DB COUNT}: the baseline, then the same events
   * produced to the audit topic while the service is not running. {@code drain BOOTSTRAP SERVICE_DB
   * COUNT BASELINE_RATE SECONDS}: with the service started, rows per second from its first stored
   * entry to the last, then the latency phase, then the result line.
   */
  public static void main(String[] args) throws Exception {
    AuditIngestBench bench = new AuditIngestBench(args[1], args[2], args[3]);
    try (KafkaProducer<String, byte[]> producer = producer(args[1])) {
      int warmup = Integer.parseInt(args[4]);
      int count = Integer.parseInt(args[5]);
      if (args[0].equals("backlog")) {
        bench.backlog(producer, warmup, count);
      } else {
        bench.drain(
            producer, warmup, count, Double.parseDouble(args[6]), Integer.parseInt(args[7]));
      }
    }
  }

  private void backlog(KafkaProducer<String, byte[]> producer, int warmup, int count)
      throws Exception {
    List<Event> warm = generate(warmup);
    List<Event> batch = generate(count);
    baseline(warm, 0);
    double baseline = baseline(batch, warmup);
    say("baseline: plain batched JDBC inserts (%d per batch): %.0f rows/s", JDBC_BATCH, baseline);
    for (Event e : warm) {
      send(producer, e);
    }
    for (Event e : batch) {
      send(producer, e);
    }
    producer.flush();
    say("%d + %d warm-up events waiting on %s for the service", count, warmup, TOPIC);
    System.out.printf("baseline-rate %.1f%n", baseline);
  }

  private void drain(
      KafkaProducer<String, byte[]> producer,
      int warmup,
      int count,
      double baseline,
      int latencySeconds)
      throws Exception {
    double service = drained(warmup, count);
    say("service: Kafka -> stored, chained, queryable: %.0f rows/s", service);
    latency(producer, service / 2, latencySeconds);
    System.out.printf(
        "audit-ingest: %.0f rows/s, baseline %.0f rows/s, ratio %.2f%n",
        service, baseline, service / baseline);
  }

  /** Rows per second from the entry after the warm-up to the last of the backlog. */
  private double drained(int warmup, int count) throws Exception {
    try (Connection db = DriverManager.getConnection(serviceDb)) {
      long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
      long firstSeenAt = 0;
      long firstCount = 0;
      long stored;
      do {
        Thread.sleep(20);
        stored = stored(db);
        if (firstSeenAt == 0 && stored >= warmup) {
          firstSeenAt = System.nanoTime();
          firstCount = stored;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "only " + stored + " of " + (warmup + count) + " events were stored");
        }
      } while (stored < warmup + count);
      return (warmup + count - firstCount) / seconds(System.nanoTime() - firstSeenAt);
    }
  }

  private List<Event> generate(int count) {
    List<Event> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(events.next());
    }
    return list;
  }

  /** Rows per second of plain batched JDBC inserts of the events' rows into the same schema. */
  private double baseline(List<Event> batch, long firstSeq) throws SQLException {
    String sql =
        "INSERT INTO audit_entry (chain_id, chain_seq, prev_hash, entry_hash, event_id,"
            + " event_source, occurred_at, actor_id, actor_type, actor_display_name, action,"
            + " target_type, target_id, outcome, source_address, source_inet, user_agent,"
            + " organization, correlation_id, details)"
            + " VALUES ('p0', ?, ?, ?, ?, ?, ?, ?, 'user', 'Bench User', ?, 'member', ?, ?, ?,"
            + " CAST(? AS inet), 'vigil-bench/1.0', ?, ?, ?)";
    HexFormat hex = HexFormat.of();
    byte[] hash = new byte[32];
    try (Connection db = DriverManager.getConnection(baselineDb)) {
      db.setAutoCommit(false);
      long seq = firstSeq;
      long start = System.nanoTime();
      try (PreparedStatement insert = db.prepareStatement(sql)) {
        for (Event e : batch) {
          Arrays.fill(hash, (byte) seq);
          String prev = hex.formatHex(hash);
          insert.setLong(1, ++seq);
          insert.setString(2, prev);
          insert.setString(3, prev);
          insert.setString(4, e.id());
          insert.setString(5, SOURCE);
          insert.setObject(6, e.occurredAt());
          insert.setString(7, e.actorId());
          insert.setString(8, e.action());
          insert.setString(9, e.targetId());
          insert.setString(10, e.outcome());
          insert.setString(11, e.sourceAddress());
          insert.setString(12, e.sourceAddress());
          insert.setString(13, e.organization());
          insert.setString(14, e.correlationId());
          insert.setString(15, e.details());
          insert.addBatch();
          if (seq % JDBC_BATCH == 0) {
            insert.executeBatch();
            db.commit();
          }
        }
        insert.executeBatch();
        db.commit();
      }
      return batch.size() / seconds(System.nanoTime() - start);
    }
  }

  /**
   * Produce-to-queryable latency at a fixed rate, and produce-to-alert for brute-force bursts.
   *
   * <p>Each partition is one hash chain, appended in offset order, one entry per event: when the
   * head of chain {@code p<n>} moves from seq a to b, the partition's events a+1..b (counted from
   * the phase's start) have just become queryable. Polling the heads costs the database nothing per
   * row, so the measurement does not slow what it measures.
   */
  private void latency(KafkaProducer<String, byte[]> producer, double rate, int seconds)
      throws Exception {
    say("latency: %.0f events/s for %d s, a brute-force burst every 2 s", rate, seconds);
    Map<Integer, List<Long>> sentByPartition = new ConcurrentHashMap<>();
    Map<String, Long> burstAt = new ConcurrentHashMap<>();
    List<Long> visible = new ArrayList<>();
    List<Long> alerts = new ArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    long sent = 0;
    try (Connection db = DriverManager.getConnection(serviceDb);
        KafkaConsumer<String, byte[]> alertConsumer = alertConsumer()) {
      Map<Integer, Long> base = heads(db);
      Thread watcher =
          new Thread(
              () ->
                  watch(
                      db, base, sentByPartition, visible, alertConsumer, burstAt, alerts, running));
      watcher.start();
      long start = System.nanoTime();
      long end = start + Duration.ofSeconds(seconds).toNanos();
      int bursts = 0;
      while (System.nanoTime() < end) {
        double elapsed = seconds(System.nanoTime() - start);
        while (sent < elapsed * rate) {
          send(producer, events.next(), sentByPartition);
          sent++;
        }
        if (elapsed >= 2.0 * (bursts + 1)) {
          bursts++;
          String actor = "burst-" + System.nanoTime();
          String source = "198.51.100." + (bursts % 250 + 1);
          for (int i = 0; i < 8; i++) {
            send(producer, events.failedSignIn(actor, source), sentByPartition);
            sent++;
          }
          burstAt.put("account:" + actor + "@source:" + source, System.nanoTime());
        }
        Thread.sleep(2);
      }
      producer.flush();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while ((visible.size() < sent || !burstAt.isEmpty()) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      running.set(false);
      watcher.join();
      if (visible.size() < sent || !burstAt.isEmpty()) {
        throw new IllegalStateException(
            (sent - visible.size())
                + " events not queryable and "
                + burstAt.size()
                + " alerts not raised within 30 s");
      }
    }
    say(
        "produce-to-queryable at %.0f events/s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d events)",
        rate, percentile(visible, 50), percentile(visible, 99), percentile(visible, 100), sent);
    say(
        "produce-to-alert (8th failed sign-in to alert on %s): p50 %.0f ms, max %.0f ms (%d alerts)",
        ALERTS, percentile(alerts, 50), percentile(alerts, 100), alerts.size());
  }

  private void watch(
      Connection db,
      Map<Integer, Long> base,
      Map<Integer, List<Long>> sentByPartition,
      List<Long> visible,
      KafkaConsumer<String, byte[]> alertConsumer,
      Map<String, Long> burstAt,
      List<Long> alerts,
      AtomicBoolean running) {
    Map<Integer, Integer> seen = new HashMap<>();
    try {
      while (running.get()) {
        long now = System.nanoTime();
        for (Map.Entry<Integer, Long> head : heads(db).entrySet()) {
          int partition = head.getKey();
          int appended = (int) (head.getValue() - base.getOrDefault(partition, 0L));
          List<Long> sent = sentByPartition.getOrDefault(partition, List.of());
          int from = seen.getOrDefault(partition, 0);
          synchronized (sent) {
            for (int i = from; i < Math.min(appended, sent.size()); i++) {
              visible.add(now - sent.get(i));
            }
          }
          seen.put(partition, Math.max(from, Math.min(appended, sent.size())));
        }
        for (ConsumerRecord<String, byte[]> alert : alertConsumer.poll(Duration.ofMillis(10))) {
          Matcher subject = SUBJECT.matcher(new String(alert.value(), StandardCharsets.UTF_8));
          Long sentAt = subject.find() ? burstAt.remove(subject.group(1)) : null;
          if (sentAt != null) {
            alerts.add(System.nanoTime() - sentAt);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The seq of each chain's head, by partition (chain {@code p<n>}). */
  private static Map<Integer, Long> heads(Connection db) throws SQLException {
    Map<Integer, Long> heads = new HashMap<>();
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT chain_id, seq FROM audit_chain_head")) {
      while (r.next()) {
        heads.put(Integer.parseInt(r.getString(1).substring(1)), r.getLong(2));
      }
    }
    return heads;
  }

  /** Sends and, once acknowledged, records the send time in the partition's order. */
  private static void send(
      KafkaProducer<String, byte[]> producer, Event e, Map<Integer, List<Long>> sentByPartition) {
    long sentAt = System.nanoTime();
    producer.send(
        record(e),
        (metadata, failure) -> {
          if (failure == null) {
            List<Long> sent =
                sentByPartition.computeIfAbsent(metadata.partition(), p -> new ArrayList<>());
            synchronized (sent) {
              sent.add(sentAt);
            }
          }
        });
  }

  private static void send(KafkaProducer<String, byte[]> producer, Event e) {
    producer.send(record(e));
  }

  private static ProducerRecord<String, byte[]> record(Event e) {
    RecordHeaders headers = new RecordHeaders();
    header(headers, "ce_specversion", "1.0");
    header(headers, "ce_id", e.id());
    header(headers, "ce_source", SOURCE);
    header(headers, "ce_type", "dev.vigil.audit.event-recorded.v1");
    header(headers, "ce_subject", e.actorId());
    header(
        headers,
        "ce_time",
        OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    header(headers, "content-type", "application/json");
    return new ProducerRecord<>(TOPIC, null, e.actorId(), e.json(), headers);
  }

  private static void header(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /** Entries stored so far: the sum of the chain heads, so polling costs nothing per row. */
  private static long stored(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT coalesce(sum(seq), 0) FROM audit_chain_head")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("acks", "all");
    p.put("linger.ms", "5");
    p.put("batch.size", "262144");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  private KafkaConsumer<String, byte[]> alertConsumer() throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (Admin admin = Admin.create(p)) {
      if (!admin.listTopics().names().get().contains(ALERTS)) {
        admin
            .createTopics(List.of(new NewTopic(ALERTS, Optional.empty(), Optional.empty())))
            .all()
            .get();
      }
    }
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(ALERTS, Duration.ofSeconds(30)).stream()
            .map(info -> new TopicPartition(ALERTS, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
    return consumer;
  }

  private static double percentile(List<Long> nanos, int p) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void say(String format, Object... args) {
    System.out.printf("[bench] " + format + "%n", args);
  }
}
