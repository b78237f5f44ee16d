package dev.vigil.keys.vault;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One of the platform's credentials, encrypted under a key version of one slot. */
@Entity
@Table(name = "stored_credential")
public class StoredCredential extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "environment_id", nullable = false)
  public Long environmentId;

  @Column(length = 253, nullable = false)
  public String slot;

  @Column(length = 253, nullable = false)
  public String name;

  @Column(name = "key_version", nullable = false)
  public int keyVersion;

  /** {@code vigil:v<n>:...}, bound to the credential's name. */
  @Column(columnDefinition = "text", nullable = false)
  public String ciphertext;

  /** Why re-encryption could not rewrap it (it stays as it was), or null. */
  @Column(name = "rewrap_error", length = 256)
  public String rewrapError;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  /** The associated data of a vault ciphertext: it only decrypts as the credential it was. */
  public static byte[] context(String name) {
    return ("credential:" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
