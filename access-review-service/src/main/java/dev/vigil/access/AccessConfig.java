package dev.vigil.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** access-review-service settings ({@code vigil.access.*}). */
@ConfigMapping(prefix = "vigil.access")
public interface AccessConfig {

  /** How often the controls are evaluated against the current snapshots. */
  @WithDefault("10m")
  Duration evaluationInterval();

  /**
   * How often every ENTRA source is synced from Microsoft Graph; {@code off} stops scheduled syncs
   * (syncs by API only).
   */
  @WithDefault("6h")
  String syncInterval();

  /** How often open campaigns past their due time are closed with their default decision. */
  @WithDefault("15m")
  Duration expiryInterval();

  /**
   * How often scheduled campaign definitions are checked for a campaign to start; {@code off} stops
   * scheduled starts.
   */
  @WithDefault("1h")
  String scheduleInterval();

  /** How often open campaigns are checked for reviewers to remind; {@code off} stops reminders. */
  @WithDefault("1h")
  String reminderInterval();

  /** Reviewers with undecided items are reminded once, this long before the campaign is due. */
  @WithDefault("3d")
  Duration reminderBefore();

  /** How long one evaluation counts before it reads as UNKNOWN. */
  @WithDefault("30m")
  Duration validity();

  /** Role names (platform roles or Entra app role values) that make an account an admin. */
  @WithDefault("admin,owner,Admin,Owner")
  List<String> adminRoles();

  /** AUTH-01: most admins and owners allowed over all sources. */
  @WithDefault("5")
  int maxAdmins();

  /** An enabled account not signed in for longer than this is inactive (ACC-01). */
  @WithDefault("90d")
  Duration inactivityThreshold();

  /** An active API key unused for longer than this fails ACC-04. */
  @WithDefault("90d")
  Duration apiKeyUnusedThreshold();

  /** How old the last completed review may be for ACC-01, ACC-02 and ACC-04. */
  @WithDefault("92d")
  Duration reviewMaxAge();

  /**
   * Whether a campaign's Entra ID revocations also disable the account ({@code accountEnabled
   * false}), besides removing its app role assignments to the platform and revoking its sessions.
   * Off by default: the account is the company's, not only the platform's; containment can always
   * disable it.
   */
  @WithDefault("false")
  boolean disableEntraAccountsOnRevoke();

  /** AUTH-01: the platform's admin password policy minimums (unless sign-in is SSO-only). */
  Password password();

  /**
   * ACC-03: members matching any of these need at least one organization restriction. {@code
   * user-types} match the account's userType (e.g. Guest); {@code id-patterns} are regular
   * expressions over the account id (e.g. {@code .*@contractor\.example}).
   */
  Restriction restriction();

  /**
   * ACC-02: role policies, role name to the selectors allowed to hold it: {@code org:<name>} (an
   * organization of the account) or {@code account:<id>}. A holder matching none is drift. Roles
   * without a policy are not checked.
   */
  Map<String, List<String>> rolePolicies();

  /** Microsoft Graph, for ENTRA sources. */
  Graph graph();

  /** Platform sign-ins and API-key uses read from {@code vigil.audit}. */
  Activity activity();

  /** {@code vigil.access.activity.*} */
  interface Activity {
    /**
     * Audit actions (successful outcome) that are a member signing in to the platform; the actor id
     * is the member id.
     */
    @WithDefault("auth.signin.succeeded")
    List<String> signInActions();

    /**
     * Audit actions (successful outcome) that are a use of an API key; the target, of type {@code
     * api-key}, names the key id.
     */
    @WithDefault("apikey.used")
    List<String> apiKeyActions();
  }

  /** The platform's SCIM 2.0 API, for PLATFORM sources with a SCIM base URL. */
  Scim scim();

  /** {@code vigil.access.scim.*} */
  interface Scim {
    /**
     * Bearer token for the platform's SCIM API, from a Kubernetes Secret through the environment
     * ({@code VIGIL_ACCESS_SCIM_TOKEN}). Without it SCIM is not called and platform revocations are
     * only requested by event. Never stored, logged or returned.
     */
    Optional<String> token();

    /** Time limit of one SCIM request. */
    @WithDefault("30s")
    Duration requestTimeout();

    /**
     * Resources asked for per page ({@code count}) when reading {@code /Users} and {@code /Groups}.
     */
    @WithDefault("200")
    int pageSize();

    /**
     * How often every PLATFORM source with a SCIM base URL is synced from its SCIM API (one replica
     * at a time); {@code off} stops scheduled syncs (syncs by API only).
     */
    @WithDefault("6h")
    String syncInterval();
  }

  /** {@code vigil.access.password.*} */
  interface Password {
    /** Shortest admin password the policy may allow. */
    @WithDefault("12")
    int minLength();

    /** Whether the policy must require mixed character classes. */
    @WithDefault("true")
    boolean requireMixed();
  }

  /** {@code vigil.access.restriction.*} */
  interface Restriction {
    /** Account userTypes that must have an organization restriction. */
    @WithDefault("Guest")
    List<String> userTypes();

    /** Regular expressions over account ids that must have an organization restriction. */
    Optional<List<String>> idPatterns();
  }

  /** {@code vigil.access.graph.*} */
  interface Graph {
    /** Microsoft Graph base URL, without the version. */
    @WithDefault("https://graph.microsoft.com")
    String baseUrl();

    /**
     * The OAuth 2.0 token endpoint of the tenant (client credentials). Unset: {@code
     * AZURE_AUTHORITY_HOST} (default {@code https://login.microsoftonline.com/}) and {@code
     * AZURE_TENANT_ID} when set, as the workload identity webhook sets them.
     */
    Optional<String> tokenEndpoint();

    /** The app registration Vigil reads Graph as. Unset: {@code AZURE_CLIENT_ID} when set. */
    Optional<String> clientId();

    /**
     * How Vigil proves it is the app registration when it asks for a Graph token: {@code
     * client-secret}, {@code certificate} (a client assertion signed with the app's certificate) or
     * {@code workload-identity} (the pod's projected service account token as a federated
     * credential).
     */
    @WithDefault("client-secret")
    GraphCredentialKind credential();

    /** The kinds of {@link #credential()}. */
    enum GraphCredentialKind {
      CLIENT_SECRET,
      CERTIFICATE,
      WORKLOAD_IDENTITY
    }

    /**
     * client-secret: the secret, from a Kubernetes Secret through the environment ({@code
     * VIGIL_ACCESS_GRAPH_CLIENT_SECRET}). Never stored, logged or returned.
     */
    Optional<String> clientSecret();

    /**
     * certificate: the app registration's certificate, a PEM file (the first certificate in it),
     * from a Secret mounted read-only. Read for every token request, so a rotated Secret is used
     * from the next token on.
     */
    Optional<String> certificateFile();

    /**
     * certificate: the certificate's RSA private key, an unencrypted PKCS#8 PEM file ({@code BEGIN
     * PRIVATE KEY}) from the same Secret, read like the certificate. Never logged or returned.
     */
    Optional<String> privateKeyFile();

    /**
     * workload-identity: the projected service account token Entra ID trusts through a federated
     * credential. Unset: {@code AZURE_FEDERATED_TOKEN_FILE}, as the workload identity webhook sets
     * it. Read for every token request: the kubelet rotates it.
     */
    Optional<String> federatedTokenFile();

    /** Object id of the platform's enterprise application (service principal) in the tenant. */
    Optional<String> platformServicePrincipalId();

    /** Page size asked of Graph ({@code $top}). */
    @WithDefault("999")
    int pageSize();

    /** Most retries of one request answered 429 or 503. */
    @WithDefault("5")
    int maxRetries();

    /** Longest Retry-After honoured; longer waits fail the sync instead of blocking it. */
    @WithDefault("60s")
    Duration maxRetryAfter();

    /** Time limit of one Graph request. */
    @WithDefault("30s")
    Duration requestTimeout();

    /**
     * Whether syncs after the first read only the users changed since the previous one ({@code
     * users/delta} with the stored {@code @odata.deltaLink}). Off: every sync is a full read.
     */
    @WithDefault("true")
    boolean delta();

    /**
     * Longest time between full reads of the users when delta syncs are on. users/delta carries no
     * {@code signInActivity}, so this is also how old sign-in activity may get (a new user's stays
     * unknown until then).
     */
    @WithDefault("24h")
    Duration fullSyncInterval();
  }
}
