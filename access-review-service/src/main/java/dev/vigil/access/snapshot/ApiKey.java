package dev.vigil.access.snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One platform API key; never its secret.
 *
 * @param id the platform's id for it
 * @param name a label, or null
 * @param ownerId the owning account's id, or null
 * @param scopes what it may do
 * @param createdAt when it was created
 * @param lastUsedAt when it was last used, null for never
 * @param expiresAt when it expires, null for never
 * @param active false once revoked
 */
public record ApiKey(
    String id,
    String name,
    String ownerId,
    List<String> scopes,
    Instant createdAt,
    Instant lastUsedAt,
    Instant expiresAt,
    boolean active) {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }

  /** The id, with the name when there is one, for evidence. */
  public String label() {
    return name == null || name.isBlank() ? id : name + " (" + id + ")";
  }
}
