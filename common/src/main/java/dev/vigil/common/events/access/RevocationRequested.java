package dev.vigil.common.events.access;

import dev.vigil.common.events.EventData;
import java.util.List;

/**
 * Access must be removed. The platform answers API-key revocations (which SCIM cannot express) with
 * {@code dev.vigil.access.revocation-applied.v1} carrying the same requestId. Key: the subject.
 *
 * @param requestId identifies this request, echoed in the answer
 * @param source the source's name
 * @param kind ACCOUNT or API_KEY
 * @param subject the account or API key id
 * @param actions what to do: DISABLE, REVOKE_SESSIONS, REMOVE_ROLES, REVOKE_API_KEY
 * @param reason {@code campaign:<id>} or {@code containment:<id>}
 */
public record RevocationRequested(
    String requestId,
    String source,
    String kind,
    String subject,
    List<String> actions,
    String reason)
    implements EventData {

  public static final String TYPE = "dev.vigil.access.revocation-requested.v1";
}
