package dev.vigil.common.events.access;

import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;

/**
 * A reviewer still has undecided items in an open access-review campaign that is soon due; a mail
 * or chat bridge turns it into a message. Sent once per campaign and reviewer. Key: the campaign
 * id.
 *
 * @param campaignId the campaign
 * @param definition the definition's name
 * @param reviewer who should decide: a named or fallback reviewer's Entra object id, or a manager's
 *     account id
 * @param undecidedItems how many of the reviewer's items are still undecided
 * @param dueAt when the default decision applies
 */
public record ReviewReminder(
    String campaignId, String definition, String reviewer, int undecidedItems, OffsetDateTime dueAt)
    implements EventData {

  public static final String TYPE = "dev.vigil.access.review-reminder.v1";
}
