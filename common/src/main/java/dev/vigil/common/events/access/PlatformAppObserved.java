package dev.vigil.common.events.access;

import dev.vigil.common.events.EventData;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What an Entra ID sync saw of the platform's own enterprise application: the platform side of
 * AUTH-04, which the gateway folds into its evaluation. Each part that could not be read is null
 * with the reason beside it, never "none". Key: the service principal id.
 *
 * @param tenant the directory (tenant) id the application was looked up in
 * @param servicePrincipalId object id of the platform's service principal
 * @param observedAt when Graph was read
 * @param exists whether the service principal exists; null when Graph could not tell
 * @param servicePrincipalUnknownReason why {@code exists} is null
 * @param appId the application (client) id, when it exists
 * @param displayName the enterprise application's name, when it exists
 * @param enabled {@code accountEnabled}: users can sign in to it; set when it exists
 * @param assignmentRequired {@code appRoleAssignmentRequired}: only assigned users get tokens; set
 *     when it exists
 * @param lastSuccessfulSignIn newest successful sign-in within the last 30 days; null when none or
 *     unknown
 * @param signInsUnknownReason why sign-ins could not be read (no Entra ID P1, no permission); null
 *     when they were read
 * @param credentials the application's secrets and certificates, without their values; null when
 *     unknown
 * @param credentialsUnknownReason why {@code credentials} is null
 */
public record PlatformAppObserved(
    String tenant,
    String servicePrincipalId,
    OffsetDateTime observedAt,
    Boolean exists,
    String servicePrincipalUnknownReason,
    String appId,
    String displayName,
    Boolean enabled,
    Boolean assignmentRequired,
    OffsetDateTime lastSuccessfulSignIn,
    String signInsUnknownReason,
    List<Credential> credentials,
    String credentialsUnknownReason)
    implements EventData {

  public static final String TYPE = "dev.vigil.access.platform-app-observed.v1";

  public PlatformAppObserved {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(servicePrincipalId, "servicePrincipalId");
    Objects.requireNonNull(observedAt, "observedAt");
    if ((exists == null) == (servicePrincipalUnknownReason == null)) {
      throw new IllegalArgumentException(
          "exists is unknown exactly when servicePrincipalUnknownReason is given");
    }
    if (Boolean.TRUE.equals(exists) && (enabled == null || assignmentRequired == null)) {
      throw new IllegalArgumentException(
          "an existing service principal has enabled and assignmentRequired");
    }
    if (lastSuccessfulSignIn != null && signInsUnknownReason != null) {
      throw new IllegalArgumentException("a sign-in was read, so sign-ins are not unknown");
    }
    if ((credentials == null) == (credentialsUnknownReason == null)) {
      throw new IllegalArgumentException(
          "credentials are unknown exactly when credentialsUnknownReason is given");
    }
    credentials = credentials == null ? null : List.copyOf(credentials);
  }

  /**
   * One secret or certificate of the application: names and dates only, never its value or hint.
   *
   * @param keyId the credential's id
   * @param displayName its description, if any
   * @param type {@code secret} (passwordCredentials) or {@code certificate} (keyCredentials)
   * @param startDateTime when it becomes valid
   * @param endDateTime when it expires
   */
  public record Credential(
      String keyId,
      String displayName,
      String type,
      OffsetDateTime startDateTime,
      OffsetDateTime endDateTime) {

    public static final String SECRET = "secret";
    public static final String CERTIFICATE = "certificate";

    public Credential {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(endDateTime, "endDateTime");
      if (!SECRET.equals(type) && !CERTIFICATE.equals(type)) {
        throw new IllegalArgumentException("type is secret or certificate");
      }
    }
  }
}
