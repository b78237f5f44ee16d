package dev.vigil.common.events.access;

import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;

/**
 * An access-review campaign closed; its items and decisions stay as evidence. Key: the campaign id.
 *
 * @param campaignId the campaign
 * @param scope MEMBERS, ADMINS, ROLES or API_KEYS
 * @param closedAt when it closed
 * @param closedBy Entra object id of who closed it, or {@code expiry}
 * @param approved items approved (by a reviewer or the default decision)
 * @param revoked items revoked
 * @param undecided items left without a decision (default decision NONE)
 * @param callerOid Entra object id of the admin who closed it, or null (closed at expiry or by an
 *     app-only token)
 * @param callerAzp the client application the admin used, or null
 * @param callerTid the admin's tenant, or null
 */
public record CampaignClosed(
    String campaignId,
    String scope,
    OffsetDateTime closedAt,
    String closedBy,
    int approved,
    int revoked,
    int undecided,
    String callerOid,
    String callerAzp,
    String callerTid)
    implements EventData {

  public static final String TYPE = "dev.vigil.access.campaign-closed.v1";
}
