package dev.vigil.access.campaigns.report;

import dev.vigil.access.campaigns.CampaignResource.ItemView;
import dev.vigil.access.controls.ReviewScope;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A campaign as filed evidence: what it reviewed, what was decided and by whom, and how far each
 * revocation got. The digest covers the campaign and its items (not who generated the report or
 * when), so two exports of the same state carry the same digest whatever their format.
 *
 * @param summary counts: items, recommendedRevocations, approved, revoked, modified, undecided, and
 *     revocations by state (requested, applied, verified, failed)
 * @param digest {@code sha256:<hex>} of the canonical JSON of campaign, summary and items
 */
public record CampaignReport(
    UUID campaignId,
    String definition,
    ReviewScope scope,
    String state,
    OffsetDateTime startedAt,
    OffsetDateTime dueAt,
    OffsetDateTime closedAt,
    String startedBy,
    String closedBy,
    Map<String, Long> summary,
    List<ItemView> items,
    OffsetDateTime generatedAt,
    String generatedBy,
    String digest) {}
