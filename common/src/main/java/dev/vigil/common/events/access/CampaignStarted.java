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
 * @param startedBy Entra object id of who started it (the client application for app-only tokens)
 * @param callerOid Entra object id of the caller, or null (app-only tokens)
 * @param callerAzp the client application the caller used, or null
 * @param callerTid the caller's tenant, or null
 */
public record CampaignStarted(
    String campaignId,
    String definition,
    String scope,
    int items,
    int recommendedRevocations,
    OffsetDateTime dueAt,
    String startedBy,
    String callerOid,
    String callerAzp,
    String callerTid)
    implements EventData {

  public static final String TYPE = "dev.vigil.access.campaign-started.v1";
}
