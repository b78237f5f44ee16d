package dev.vigil.keys.leaks;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A git repository scanned for committed keys and secret files. */
@Entity
@Table(name = "leak_repository")
public class LeakRepository extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(length = 128, nullable = false, unique = true)
  public String name;

  @Column(length = 2048, nullable = false)
  public String url;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  /** Set when a scan is asked for; cleared when one starts. */
  @Column(name = "scan_requested_at")
  public OffsetDateTime scanRequestedAt;

  @Column(name = "last_scan_at")
  public OffsetDateTime lastScanAt;

  @Column(name = "last_scan_commits")
  public Integer lastScanCommits;

  @Column(name = "last_scan_millis")
  public Long lastScanMillis;

  /** Why the last scan failed (clone, fetch or read), or null. Never holds credentials. */
  @Column(name = "last_scan_error", length = 512)
  public String lastScanError;
}
