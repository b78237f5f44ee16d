package dev.vigil.common.events.access;

import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;

/**
 * An access-review campaign froze its items and opened for decisions. Key: the campaign id.
 *
 * @param campaignId the campaign
 * @param definition the definition's name
 * @param scope MEMBERS, ADMINS, ROLES or API_KEYS
 * @param items how many accounts or keys it reviews
 * @param recommendedRevocations how many of them it recommends revoking
 * @param dueAt when the default decision applies
 * @param startedBy Entra object id of who started it
 */
public record CampaignStarted(
    String campaignId,
    String definition,
    String scope,
    int items,
    int recommendedRevocations,
    OffsetDateTime dueAt,
    String startedBy)
    implements EventData {

  public static final String TYPE = "dev.vigil.access.campaign-started.v1";
}
