package dev.vigil.keys.environments;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.ws.rs.NotFoundException;
import java.time.OffsetDateTime;

/** An environment of the platform; its key slots live in one Secret of its namespace. */
@Entity
@Table(name = "key_environment")
public class Environment extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(length = 63, nullable = false, unique = true)
  public String name;

  @Column(length = 63, nullable = false)
  public String namespace;

  @Column(name = "cluster_context", length = 253)
  public String clusterContext;

  @Column(name = "secret_name", length = 253, nullable = false)
  public String secretName;

  /** The Secret (in {@link #namespace}) holding the platform's database password, if checked. */
  @Column(name = "database_secret", length = 253)
  public String databaseSecret;

  @Column(name = "database_secret_key", length = 253)
  public String databaseSecretKey;

  /** The slots the last reading of the Secret found, comma-separated (null: never read). */
  @Column(name = "observed_slots", columnDefinition = "text")
  public String observedSlots;

  @Column(name = "observed_at")
  public OffsetDateTime observedAt;

  /** Why the last reading of the Secret failed, or null. Never holds Secret content. */
  @Column(name = "observation_error", length = 128)
  public String observationError;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  /** The environment of that name, or a 404 failure. */
  public static Uni<Environment> named(String name) {
    return Environment.<Environment>find("name", name)
        .firstResult()
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no environment " + name));
  }
}
