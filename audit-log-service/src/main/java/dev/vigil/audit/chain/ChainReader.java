package dev.vigil.audit.chain;

import dev.vigil.audit.verify.ChainEntry;
import dev.vigil.audit.verify.Checkpoint;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the chains in storage order, page by page, so verifying or exporting millions of entries
 * never holds more than one page in memory.
 */
@ApplicationScoped
public class ChainReader {

  static final int PAGE = 2000;

  private final Pool pool;

  ChainReader(Pool pool) {
    this.pool = pool;
  }

  /** Entries received in [from, to) (either may be null), per chain in storage order. */
  public Multi<ChainEntry> entries(OffsetDateTime from, OffsetDateTime to) {
    AtomicReference<Object[]> cursor = new AtomicReference<>(new Object[] {"", 0L});
    return Multi.createBy()
        .repeating()
        .uni(() -> page(cursor, from, to))
        .whilst(rows -> rows.size() == PAGE)
        .onItem()
        .transformToIterable(rows -> rows);
  }

  private Uni<List<ChainEntry>> page(
      AtomicReference<Object[]> cursor, OffsetDateTime from, OffsetDateTime to) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(ChainEntries.COLUMNS)
            .append(" FROM audit_entry WHERE (chain_id, id) > ($1, $2)");
    Tuple params = Tuple.of(cursor.get()[0], cursor.get()[1]);
    if (from != null) {
      params.addValue(from);
      sql.append(" AND received_at >= $").append(params.size());
    }
    if (to != null) {
      params.addValue(to);
      sql.append(" AND received_at < $").append(params.size());
    }
    sql.append(" ORDER BY chain_id, id LIMIT ").append(PAGE);
    return pool.preparedQuery(sql.toString())
        .execute(params)
        .map(
            (RowSet<Row> rows) -> {
              List<ChainEntry> page = new ArrayList<>(rows.size());
              for (Row row : rows) {
                page.add(ChainEntries.fromRow(row));
                cursor.set(new Object[] {row.getString("chain_id"), row.getLong("id")});
              }
              return page;
            });
  }

  /** Every stored checkpoint, per chain in order. */
  public Uni<List<Checkpoint>> checkpoints() {
    return pool.query(
            "SELECT chain_id, seq, entry_hash, created_at, key_id, signature FROM audit_checkpoint ORDER BY chain_id, seq")
        .execute()
        .map(
            rows -> {
              List<Checkpoint> checkpoints = new ArrayList<>();
              for (Row r : rows) {
                checkpoints.add(
                    new Checkpoint(
                        r.getString("chain_id"),
                        r.getLong("seq"),
                        r.getString("entry_hash"),
                        r.getString("created_at"),
                        r.getString("key_id"),
                        r.getString("signature")));
              }
              return checkpoints;
            });
  }

  /** Every key that has signed checkpoints: key id to base64 X.509 public key. */
  public Uni<Map<String, String>> signingKeys() {
    return pool.query("SELECT key_id, public_key FROM audit_signing_key ORDER BY first_used")
        .execute()
        .map(
            rows -> {
              Map<String, String> keys = new LinkedHashMap<>();
              rows.forEach(r -> keys.put(r.getString("key_id"), r.getString("public_key")));
              return keys;
            });
  }
}
