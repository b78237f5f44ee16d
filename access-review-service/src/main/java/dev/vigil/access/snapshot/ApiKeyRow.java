package dev.vigil.access.snapshot;

import java.time.OffsetDateTime;
import java.util.List;

/** An API key row as a query reads it: a projection, outside the persistence context. */
public record ApiKeyRow(
    String keyId,
    String name,
    String ownerId,
    List<String> scopes,
    OffsetDateTime createdAt,
    OffsetDateTime lastUsedAt,
    OffsetDateTime expiresAt,
    String status) {

  /** The HQL that selects this projection; callers append the where clause. */
  static final String SELECT =
      "select new dev.vigil.access.snapshot.ApiKeyRow(k.keyId, k.name, k.ownerId, k.scopes,"
          + " k.createdAt, k.lastUsedAt, k.expiresAt, k.status) from ApiKeyRecord k ";

  ApiKey toApiKey() {
    return new ApiKey(
        keyId,
        name,
        ownerId,
        scopes,
        Times.instant(createdAt),
        Times.instant(lastUsedAt),
        Times.instant(expiresAt),
        ApiKeyRecord.ACTIVE.equals(status));
  }
}
