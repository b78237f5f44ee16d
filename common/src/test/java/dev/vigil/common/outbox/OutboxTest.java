package dev.vigil.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.compliance.ComplianceReporter;
import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.compliance.Evidence;
import dev.vigil.common.events.CloudEvent;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.support.Db;
import dev.vigil.common.support.Evaluations;
import dev.vigil.common.support.Widget;
import dev.vigil.testing.kafka.KafkaTestBroker;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  KafkaCompanion companion;

  @Inject ComplianceReporter reporter;
  @Inject Outbox outbox;
  @Inject Pool pool;
  @Inject EventFactory events;
  @Inject VigilTopics topics;

  @Test
  void shouldPublishCommittedEvaluationAsBinaryCloudEvent() throws Exception {
    ConsumerTask<String, byte[]> records = consumeCompliance();

    inTransaction(
        () ->
            Widget.named("checked")
                .persist()
                .chain(() -> reporter.report(Evaluations.of("DB-03", ControlStatus.PASS))));

    ConsumerRecord<String, byte[]> record = awaitRecordsFor(records, "DB-03", 1).get(0);
    assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
    assertThat(header(record, "ce_type")).isEqualTo(ControlEvaluation.TYPE);
    assertThat(header(record, "ce_source")).isEqualTo("/vigil/common-test");
    assertThat(header(record, "ce_subject")).isEqualTo("DB-03");
    assertThat(header(record, "ce_id")).isNotBlank();
    assertThat(header(record, "ce_dataschema"))
        .endsWith("/dev.vigil.compliance.control-evaluated.v1.schema.json");
    assertThat(header(record, "content-type")).isEqualTo("application/json");
    assertThat(record.headers().lastHeader("ce_correlationid"))
        .as("written outside a request")
        .isNull();
    JsonNode data = JSON.readTree(record.value());
    assertThat(data.get("status").asText()).isEqualTo("PASS");
    assertThat(data.get("evidence").get("facts").get("attempt").asInt()).isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Db.count(
                        pool,
                        "SELECT count(*) FROM vigil_outbox WHERE subject = $1 AND sent_at IS NULL",
                        "DB-03")
                    == 0);
  }

  @Test
  void shouldEmitNothingWhenTheTransactionRollsBack() {
    assertThatThrownBy(
            () ->
                inTransaction(
                    () ->
                        Widget.named("rolled-back")
                            .persist()
                            .chain(
                                () -> reporter.report(Evaluations.of("KEY-02", ControlStatus.FAIL)))
                            .chain(
                                () ->
                                    Uni.createFrom()
                                        .failure(
                                            new IllegalStateException("business rule broke")))))
        .hasMessageContaining("business rule broke");

    assertThat(Db.count(pool, "SELECT count(*) FROM vigil_outbox WHERE subject = $1", "KEY-02"))
        .isZero();
    assertThat(Db.count(pool, "SELECT count(*) FROM test_widget WHERE name = $1", "rolled-back"))
        .isZero();
  }

  @Test
  void shouldRefuseWritesOutsideATransaction() {
    assertThatThrownBy(
            () ->
                VertxContextSupport.subscribeAndAwait(
                    () ->
                        Panache.withSession(
                            () -> reporter.report(Evaluations.of("KEY-03", ControlStatus.PASS)))))
        .hasMessageContaining("need the caller's transaction");
    assertThat(Db.count(pool, "SELECT count(*) FROM vigil_outbox WHERE subject = $1", "KEY-03"))
        .isZero();
  }

  @Test
  void shouldKeepEventsOfOneSubjectInOrder() throws Exception {
    ConsumerTask<String, byte[]> records = consumeCompliance();
    int events = 40;
    inTransaction(
        () -> {
          Uni<Void> chain = Uni.createFrom().voidItem();
          for (int i = 0; i < events; i++) {
            int attempt = i;
            chain = chain.chain(() -> reporter.report(numbered("ACC-01", attempt)));
          }
          return chain;
        });

    List<ConsumerRecord<String, byte[]>> received = awaitRecordsFor(records, "ACC-01", events);
    for (int i = 0; i < events; i++) {
      assertThat(attempt(received.get(i))).isEqualTo(i);
    }
  }

  @Test
  void shouldKeepEventsWhileKafkaIsDownAndDeliverThemAfterwards() {
    KafkaTestBroker broker = KafkaTestBroker.running();
    broker.stopBroker();
    try {
      inTransaction(
          () ->
              reporter
                  .report(numbered("MON-02", 0))
                  .chain(() -> reporter.report(numbered("MON-02", 1)))
                  .chain(() -> reporter.report(numbered("MON-02", 2))));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  Db.count(
                          pool,
                          "SELECT count(*) FROM vigil_outbox WHERE subject = $1 AND attempts > 0 AND sent_at IS NULL",
                          "MON-02")
                      > 0);
      assertThat(
              Db.count(
                  pool,
                  "SELECT count(*) FROM vigil_outbox WHERE subject = $1 AND sent_at IS NULL",
                  "MON-02"))
          .isEqualTo(3);
    } finally {
      broker.startBroker();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Db.count(
                        pool,
                        "SELECT count(*) FROM vigil_outbox WHERE subject = $1 AND sent_at IS NULL",
                        "MON-02")
                    == 0);
    // The consumer on the other side stored each of them exactly once.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Db.count(pool, "SELECT count(*) FROM test_received WHERE subject = $1", "MON-02")
                    == 3);
  }

  @Test
  void shouldAppendABatchInOneStatementInOrderAndSkipIdsAlreadyThere() throws Throwable {
    ConsumerTask<String, byte[]> records = consumeCompliance();
    List<CloudEvent> batch = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      batch.add(events.create(ControlEvaluation.TYPE, "AUTH-02", numbered("AUTH-02", i)));
    }

    VertxContextSupport.subscribeAndAwait(
        () -> outbox.appendAll(pool, topics.compliance(), batch, false));
    // A producer retrying part of a batch adds nothing.
    VertxContextSupport.subscribeAndAwait(
        () -> outbox.appendAll(pool, topics.compliance(), batch.subList(0, 10), true));

    assertThat(Db.count(pool, "SELECT count(*) FROM vigil_outbox WHERE subject = $1", "AUTH-02"))
        .isEqualTo(30);
    List<ConsumerRecord<String, byte[]>> received = awaitRecordsFor(records, "AUTH-02", 30);
    assertThat(received).hasSize(30);
    for (int i = 0; i < 30; i++) {
      assertThat(header(received.get(i), "ce_id")).isEqualTo(batch.get(i).id());
      assertThat(attempt(received.get(i))).isEqualTo(i);
    }
    // The batch's relaxed durability applies to its own statement, not to the connection after it.
    String durabilityAfterwards =
        VertxContextSupport.subscribeAndAwait(
            () ->
                pool.withConnection(
                    connection ->
                        outbox
                            .appendAll(
                                connection,
                                topics.compliance(),
                                List.of(
                                    events.create(
                                        ControlEvaluation.TYPE,
                                        "AUTH-02",
                                        numbered("AUTH-02", 30))),
                                false)
                            .chain(
                                () ->
                                    connection
                                        .query("SELECT current_setting('synchronous_commit')")
                                        .execute())
                            .map(rows -> rows.iterator().next().getString(0))));
    assertThat(durabilityAfterwards).isEqualTo("on");
    // Leaves no backlog behind: the relay would send it first in the next test's rounds.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.count(
                        pool,
                        "SELECT count(*) FROM vigil_outbox WHERE subject = $1 AND sent_at IS NULL",
                        "AUTH-02")
                    == 0);
  }

  private ConsumerTask<String, byte[]> consumeCompliance() {
    return companion.consume(String.class, byte[].class).fromTopics("vigil.compliance");
  }

  private List<ConsumerRecord<String, byte[]>> awaitRecordsFor(
      ConsumerTask<String, byte[]> task, String key, int count) {
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> recordsFor(task, key).size() >= count);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "received "
              + recordsFor(task, key).size()
              + " of "
              + count
              + "; outbox rows: "
              + Db.rows(
                      pool,
                      "SELECT id, sent_at IS NOT NULL AS sent, attempts, last_error FROM vigil_outbox WHERE subject = $1",
                      key)
                  .stream()
                  .map(Object::toString)
                  .toList()
              + "; advisory locks: "
              + Db.rows(pool, "SELECT pid, granted FROM pg_locks WHERE locktype = 'advisory'")
                  .size()
              + "; sessions in transaction: "
              + Db.rows(
                      pool,
                      "SELECT state, query FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()")
                  .stream()
                  .map(r -> r.getString(0) + ": " + r.getString(1))
                  .toList(),
          e);
    }
    return recordsFor(task, key);
  }

  private static List<ConsumerRecord<String, byte[]>> recordsFor(
      ConsumerTask<String, byte[]> task, String key) {
    return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
  }

  private static int attempt(ConsumerRecord<String, byte[]> record) throws Exception {
    return JSON.readTree(record.value()).get("evidence").get("facts").get("attempt").asInt();
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static ControlEvaluation numbered(String controlId, int attempt) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return new ControlEvaluation(
        controlId,
        ControlStatus.WARN,
        now,
        now.plusHours(1),
        "common-test",
        new Evidence("numbered", Map.of("attempt", attempt), List.of()));
  }

  static void inTransaction(java.util.function.Supplier<Uni<?>> work) {
    try {
      VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(work::get));
    } catch (Throwable e) {
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    }
  }
}
