package dev.vigil.gateway.posture.scan;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored posture scan; the results are kept as JSON. */
@Entity
@Table(name = "posture_scan")
public class PostureScanRecord extends PanacheEntityBase {

  @Id public UUID id;

  @Column(length = 32, nullable = false)
  public String trigger;

  /** Comma-separated. */
  @Column(columnDefinition = "text", nullable = false)
  public String namespaces;

  @Column(name = "started_at", nullable = false)
  public OffsetDateTime startedAt;

  @Column(name = "finished_at", nullable = false)
  public OffsetDateTime finishedAt;

  @Column(nullable = false)
  public boolean reported;

  @Column(nullable = false)
  public int objects;

  @Column(columnDefinition = "text", nullable = false)
  public String results;
}
