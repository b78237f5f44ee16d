package dev.vigil.backups.targets;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.ws.rs.NotFoundException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A PostgreSQL database of the platform that Vigil backs up. Holds no password, only its source.
 */
@Entity
@Table(name = "backup_target")
public class BackupTarget extends PanacheEntityBase {

  @Id public UUID id;

  @Column(nullable = false, unique = true, length = 63)
  public String name;

  @Column(nullable = false)
  public String host;

  @Column(nullable = false)
  public int port;

  @Column(name = "database_name", nullable = false)
  public String databaseName;

  @Column(nullable = false)
  public String username;

  @Column(name = "ssl_mode", nullable = false)
  public String sslMode;

  @Column(name = "password_secret_namespace")
  public String passwordSecretNamespace;

  @Column(name = "password_secret_name")
  public String passwordSecretName;

  @Column(name = "password_secret_key")
  public String passwordSecretKey;

  @Column(name = "password_env")
  public String passwordEnv;

  @Column(nullable = false)
  public String schedule;

  @Column(name = "restore_test_schedule", nullable = false)
  public String restoreTestSchedule;

  @Column(name = "keep_hourly", nullable = false)
  public int keepHourly;

  @Column(name = "keep_daily", nullable = false)
  public int keepDaily;

  @Column(name = "keep_weekly", nullable = false)
  public int keepWeekly;

  @Column(name = "keep_monthly", nullable = false)
  public int keepMonthly;

  @Column(name = "keep_yearly", nullable = false)
  public int keepYearly;

  @Column(name = "keep_minimum", nullable = false)
  public int keepMinimum;

  @Column(name = "rpo_minutes", nullable = false)
  public int rpoMinutes;

  @Column(name = "rto_minutes", nullable = false)
  public int rtoMinutes;

  /** JSON array of {@link ValidationCheck}s run against every restore. */
  @Column(columnDefinition = "text", nullable = false)
  public String checks;

  @Column(nullable = false)
  public boolean enabled;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Column(name = "created_by", nullable = false)
  public String createdBy;

  @Column(name = "updated_at", nullable = false)
  public OffsetDateTime updatedAt;

  @Column(name = "updated_by", nullable = false)
  public String updatedBy;

  /** The last scheduled time found missed, so each missed schedule is reported once. */
  @Column(name = "last_missed_fire")
  public OffsetDateTime lastMissedFire;

  /**
   * Runs {@code work} for every enabled target, one after the other, each in its own transaction,
   * so one target's failure never rolls back another's.
   *
   * @return the non-null results
   */
  public static <T> Uni<List<T>> eachEnabled(Function<BackupTarget, Uni<T>> work) {
    return Panache.withSession(() -> BackupTarget.<BackupTarget>list("enabled", true))
        .chain(
            targets ->
                Multi.createFrom()
                    .iterable(targets)
                    .onItem()
                    .transformToUniAndConcatenate(t -> Panache.withTransaction(() -> work.apply(t)))
                    .collect()
                    .asList());
  }

  /** The target, or 404. */
  public static Uni<BackupTarget> require(UUID id) {
    return BackupTarget.<BackupTarget>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no backup target " + id));
  }

  public RetentionPolicy retention() {
    return new RetentionPolicy(
        keepHourly, keepDaily, keepWeekly, keepMonthly, keepYearly, keepMinimum);
  }

  public ConnectionSettings connection() {
    return new ConnectionSettings(
        host,
        port,
        databaseName,
        username,
        sslMode,
        PasswordSource.of(
            passwordSecretNamespace, passwordSecretName, passwordSecretKey, passwordEnv));
  }
}
