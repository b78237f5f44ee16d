package dev.vigil.access.sources.graph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

/** The parts of Microsoft Graph v1.0 resources the Entra ID sync reads ({@code $select}ed). */
final class GraphModels {

  private GraphModels() {}

  /** One page of a collection; the last page of a delta round carries the delta link. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Page<T>(
      List<T> value,
      @JsonProperty("@odata.nextLink") String nextLink,
      @JsonProperty("@odata.deltaLink") String deltaLink) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record User(
      String id,
      String displayName,
      String userPrincipalName,
      Boolean accountEnabled,
      String userType,
      OffsetDateTime createdDateTime,
      SignInActivity signInActivity,
      DirectoryObject manager,
      @JsonProperty("@removed") Removed removed) {}

  /** Set on a users/delta item for a user deleted or no longer in scope. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Removed(String reason) {}

  /** Both times are null for an account that never signed in. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record SignInActivity(
      OffsetDateTime lastSignInDateTime, OffsetDateTime lastNonInteractiveSignInDateTime) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record DirectoryObject(String id) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ServicePrincipal(String id, String appId, List<AppRole> appRoles) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record AppRole(String id, String value) {}

  /** principalType is User, Group or ServicePrincipal. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record AppRoleAssignment(String id, String principalId, String principalType, String appRoleId) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record RegistrationDetail(String id, Boolean isMfaRegistered) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ConditionalAccessPolicy(
      String id,
      String displayName,
      String state,
      Conditions conditions,
      GrantControls grantControls) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Conditions(Applications applications, Users users) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Applications(List<String> includeApplications, List<String> excludeApplications) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Users(
      List<String> includeUsers,
      List<String> excludeUsers,
      List<String> includeGroups,
      List<String> excludeGroups,
      List<String> includeRoles) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record GrantControls(List<String> builtInControls, DirectoryObject authenticationStrength) {}

  /** The platform's service principal as the AUTH-04 platform side reads it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record PlatformServicePrincipal(
      String id,
      String appId,
      String displayName,
      Boolean accountEnabled,
      Boolean appRoleAssignmentRequired) {}

  /**
   * The platform's application object: only the credentials' names and dates are mapped, so their
   * {@code hint}, {@code secretText} and {@code key} are never even held.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Application(
      String id,
      String appId,
      String displayName,
      List<Credential> passwordCredentials,
      List<Credential> keyCredentials) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Credential(
      String keyId, String displayName, OffsetDateTime startDateTime, OffsetDateTime endDateTime) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SignInEntry(String id, OffsetDateTime createdDateTime) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Token(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("expires_in") Long expiresIn) {}
}
