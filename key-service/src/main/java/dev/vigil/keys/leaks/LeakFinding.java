package dev.vigil.keys.leaks;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One finding of a repository scan, kept once however many scans see it. */
@Entity
@Table(name = "leak_finding")
public class LeakFinding extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "repository_id", nullable = false)
  public Long repositoryId;

  @Column(length = 32, nullable = false)
  public String kind;

  @Column(name = "commit_id", length = 40, nullable = false)
  public String commitId;

  @Column(length = 4096, nullable = false)
  public String path;

  @Column(nullable = false)
  public int line;

  @Column(length = 63)
  public String environment;

  @Column(length = 253)
  public String slot;

  public Integer version;

  @Column(name = "first_seen_at", nullable = false)
  public OffsetDateTime firstSeenAt;

  @Column(name = "last_seen_at", nullable = false)
  public OffsetDateTime lastSeenAt;

  @Column(name = "resolved_at")
  public OffsetDateTime resolvedAt;

  @Column(name = "resolved_by", length = 256)
  public String resolvedBy;

  @Column(name = "resolution_note", length = 2000)
  public String resolutionNote;

  /** The checklist control a finding counts against. */
  public String control() {
    return LeakScanner.Kind.KEY_VERSION.name().equals(kind) ? "KEY-05" : "ENV-01";
  }
}
