package dev.vigil.common.support;

import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Plain SQL reads for assertions, outside any Hibernate session. */
public final class Db {

  private Db() {}

  public static long count(Pool pool, String sql, Object... params) {
    return rows(pool, sql, params).get(0).getLong(0);
  }

  public static List<Row> rows(Pool pool, String sql, Object... params) {
    try {
      return VertxContextSupport.subscribeAndAwait(
          () ->
              pool.preparedQuery(sql)
                  .execute(Tuple.from(params))
                  .map(
                      rowSet -> {
                        List<Row> rows = new ArrayList<>();
                        rowSet.forEach(rows::add);
                        return rows;
                      }));
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
