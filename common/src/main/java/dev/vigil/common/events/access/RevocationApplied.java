package dev.vigil.common.events.access;

import dev.vigil.common.events.EventData;
import java.util.List;

/**
 * A revocation was carried out by its source (Vigil through Graph, or the platform). It is verified
 * only once a later snapshot no longer shows the access. Key: the subject.
 *
 * @param requestId the request it answers
 * @param source the source's name
 * @param subject the account or API key id
 * @param actions what was done
 * @param appliedBy {@code access-review-service} or the platform's name
 */
public record RevocationApplied(
    String requestId, String source, String subject, List<String> actions, String appliedBy)
    implements EventData {

  public static final String TYPE = "dev.vigil.access.revocation-applied.v1";
}
