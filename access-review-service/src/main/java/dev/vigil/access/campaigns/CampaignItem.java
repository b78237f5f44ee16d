package dev.vigil.access.campaigns;

import dev.vigil.access.snapshot.StringList;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One account or API key under review, frozen when the campaign started. */
@Entity
@Table(name = "access_campaign_item")
public class CampaignItem extends PanacheEntityBase {

  public static final String ACCOUNT = "ACCOUNT";
  public static final String API_KEY = "API_KEY";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "campaign_id", nullable = false)
  public UUID campaignId;

  @Column(name = "source_id", nullable = false)
  public Long sourceId;

  @Column(name = "source_name", length = 63, nullable = false)
  public String sourceName;

  @Column(length = 16, nullable = false)
  public String kind;

  @Column(name = "subject_id", nullable = false)
  public String subjectId;

  @Column(name = "subject_label", length = 600, nullable = false)
  public String subjectLabel;

  @Column(name = "owner_id")
  public String ownerId;

  @Convert(converter = StringList.class)
  @Column(nullable = false, columnDefinition = "text")
  public List<String> roles;

  /** KEEP or REVOKE. */
  @Column(length = 16, nullable = false)
  public String recommendation;

  @Convert(converter = StringList.class)
  @Column(nullable = false, columnDefinition = "text")
  public List<String> reasons;

  /** APPROVE, REVOKE or MODIFY; null while undecided. */
  @Column(length = 16)
  public String decision;

  @Column(length = 2000)
  public String justification;

  @Column(name = "decided_by", length = 64)
  public String decidedBy;

  @Column(name = "decided_at")
  public OffsetDateTime decidedAt;

  /** REQUESTED, APPLIED, VERIFIED or FAILED; null when nothing is revoked. */
  @Column(length = 16)
  public String revocation;

  @Column(name = "revocation_error", length = 512)
  public String revocationError;

  /** MANAGERS campaigns: the manager who decides; null: the definition's (fallback) reviewers. */
  @Column(length = 255)
  public String reviewer;

  /** {@code source/subject}, as the controls name it. */
  public String key() {
    return sourceName + "/" + subjectId;
  }
}
