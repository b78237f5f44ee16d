package dev.vigil.common.events.access;

import dev.vigil.common.events.EventData;

/**
 * A reviewer decided on one campaign item. Key: the campaign id.
 *
 * @param campaignId the campaign
 * @param itemId the item
 * @param source the source's name
 * @param subject the account or API key id
 * @param decision APPROVE, REVOKE or MODIFY
 * @param recommendation KEEP or REVOKE, as frozen at start
 * @param justification the reviewer's reason, required against the recommendation
 * @param decidedBy Entra object id of the reviewer
 * @param callerOid Entra object id of the reviewer, as in decidedBy
 * @param callerAzp the client application the reviewer used, or null
 * @param callerTid the reviewer's tenant, or null
 */
public record DecisionRecorded(
    String campaignId,
    long itemId,
    String source,
    String subject,
    String decision,
    String recommendation,
    String justification,
    String decidedBy,
    String callerOid,
    String callerAzp,
    String callerTid)
    implements EventData {

  public static final String TYPE = "dev.vigil.access.decision-recorded.v1";
}
