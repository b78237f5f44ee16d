package dev.vigil.audit.search;

import jakarta.ws.rs.BadRequestException;

/** One page of a list endpoint: never the whole table in one answer. */
public record Paging(int offset, int limit) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 500;

  /**
   * @throws BadRequestException (problem+json) for a negative offset or a limit outside 1..500
   */
  public static Paging of(Integer offset, Integer limit) {
    int from = offset == null ? 0 : offset;
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (from < 0) {
      throw new BadRequestException("offset must be 0 or more");
    }
    if (size < 1 || size > MAX_LIMIT) {
      throw new BadRequestException("limit must be 1 to " + MAX_LIMIT);
    }
    return new Paging(from, size);
  }

  /** The last index, inclusive, as Panache's range wants it. */
  public int last() {
    return offset + limit - 1;
  }
}
