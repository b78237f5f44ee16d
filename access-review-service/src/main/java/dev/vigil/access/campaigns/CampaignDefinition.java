package dev.vigil.access.campaigns;

import dev.vigil.access.controls.ReviewScope;
import dev.vigil.access.snapshot.StringList;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

/** What to review and how. */
@Entity
@Table(name = "access_campaign_definition")
public class CampaignDefinition extends PanacheEntityBase {

  /** What happens to undecided items when a campaign closes. */
  public enum DefaultDecision {
    /** They stay undecided (and the review does not cover them). */
    NONE,
    /** They are approved. */
    APPROVE,
    /** Each gets its recommendation: revoke where one was made, approve otherwise. */
    APPLY_RECOMMENDATIONS
  }

  /** How often a campaign starts by itself. */
  public enum Schedule {
    /** Only by hand. */
    NONE(0),
    MONTHLY(1),
    QUARTERLY(3),
    SEMIANNUAL(6),
    ANNUAL(12);

    public final int months;

    Schedule(int months) {
      this.months = months;
    }
  }

  /** Who decides the items. */
  public enum ReviewerMode {
    /** The named reviewers decide every item. */
    NAMED,
    /**
     * Each account's manager (from Graph or the platform's snapshot) decides its items; the named
     * reviewers are the fallback for subjects without a manager.
     */
    MANAGERS
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(length = 127, nullable = false, unique = true)
  public String name;

  @Enumerated(EnumType.STRING)
  @Column(length = 16, nullable = false)
  public ReviewScope scope;

  @Column(name = "duration_days", nullable = false)
  public int durationDays;

  /** Entra object ids of the reviewers (MANAGERS: the fallback reviewers). */
  @Convert(converter = StringList.class)
  @Column(nullable = false, columnDefinition = "text")
  public List<String> reviewers;

  @Enumerated(EnumType.STRING)
  @Column(name = "default_decision", length = 32, nullable = false)
  public DefaultDecision defaultDecision;

  @Column(name = "apply_revocations", nullable = false)
  public boolean applyRevocations;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  @Enumerated(EnumType.STRING)
  @Column(length = 16, nullable = false)
  public Schedule schedule;

  /** When the schedule starts the next campaign; null for NONE. */
  @Column(name = "next_start_at")
  public OffsetDateTime nextStartAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "reviewer_mode", length = 16, nullable = false)
  public ReviewerMode reviewerMode;
}
