package dev.vigil.access.campaigns;

import dev.vigil.access.controls.ReviewScope;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.ws.rs.NotFoundException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One run of a definition, with its frozen items. */
@Entity
@Table(name = "access_campaign")
public class Campaign extends PanacheEntityBase {

  public static final String OPEN = "OPEN";
  public static final String CLOSED = "CLOSED";

  @Id public UUID id;

  @Column(name = "definition_id", nullable = false)
  public Long definitionId;

  @Enumerated(EnumType.STRING)
  @Column(length = 16, nullable = false)
  public ReviewScope scope;

  @Column(length = 16, nullable = false)
  public String state;

  @Column(name = "started_at", nullable = false)
  public OffsetDateTime startedAt;

  @Column(name = "due_at", nullable = false)
  public OffsetDateTime dueAt;

  @Column(name = "closed_at")
  public OffsetDateTime closedAt;

  /** Entra oid of who started it. */
  @Column(name = "started_by", length = 64, nullable = false)
  public String startedBy;

  /** Entra oid of who closed it, or "expiry". */
  @Column(name = "closed_by", length = 64)
  public String closedBy;

  /** When the reviewers were reminded of undecided items; null: not yet. */
  @Column(name = "reminded_at")
  public OffsetDateTime remindedAt;

  public static Uni<Campaign> byId(UUID id) {
    return Campaign.<Campaign>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no campaign " + id));
  }
}
