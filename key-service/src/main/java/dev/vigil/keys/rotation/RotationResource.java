package dev.vigil.keys.rotation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.slots.KeySlotVersion;
import dev.vigil.keys.slots.SlotPolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Versions of one slot: list with usage, add, promote, rotate (also in an emergency), retire. */
@Path("/api/v1/keys/environments/{environment}/slots/{slot}")
@Tag(name = "Rotation")
public class RotationResource {

  /** A version with its lifecycle and how many vault credentials it protects. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VersionView(
      int version,
      String state,
      String origin,
      String weakness,
      OffsetDateTime observedAt,
      OffsetDateTime promotedAt,
      OffsetDateTime autoPromoteAt,
      OffsetDateTime compromisedAt,
      OffsetDateTime destroyedAt,
      Long credentials) {
    static VersionView of(KeySlotVersion v, Long credentials) {
      return new VersionView(
          v.version,
          v.state,
          v.origin,
          v.weakness,
          v.observedAt,
          v.promotedAt,
          v.autoPromoteAt,
          v.compromisedAt,
          v.destroyedAt,
          credentials);
    }
  }

  /** Optional: promote automatically after this long (ISO-8601, e.g. PT24H). */
  public record AddRequest(String promoteAfter, String reason) {}

  /** An emergency rotation names the compromised versions (default: the current primary). */
  public record RotateRequest(Boolean emergency, Set<Integer> compromisedVersions, String reason) {}

  public record PolicyRequest(Integer rotationPeriodDays, Boolean automaticRotation) {}

  public record PolicyView(
      String slot,
      boolean custom,
      int rotationPeriodDays,
      boolean automaticRotation,
      int minDecryptionVersion) {
    static PolicyView of(SlotPolicy p) {
      return new PolicyView(
          p.slot, p.custom, p.rotationPeriodDays, p.automaticRotation, p.minDecryptionVersion);
    }
  }

  private static final String USAGE =
      "SELECT key_version, count(*) FROM stored_credential"
          + " WHERE environment_id = ?1 AND slot = ?2 GROUP BY key_version";

  private final Rotations rotations;
  private final RotationControl control;
  private final StepUp stepUp;
  private final SecurityIdentity identity;

  RotationResource(
      Rotations rotations, RotationControl control, StepUp stepUp, SecurityIdentity identity) {
    this.rotations = rotations;
    this.control = control;
    this.stepUp = stepUp;
    this.identity = identity;
  }

  @GET
  @Path("/versions")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "The slot's versions with their state and vault usage")
  public Uni<List<VersionView>> versions(
      @PathParam("environment") String name, @PathParam("slot") String slot) {
    return Environment.named(name).chain(environment -> views(environment, slot));
  }

  @POST
  @Path("/versions")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Add a pending version (add, distribute, promote)",
      description =
          "Writes the new key as <slot>.v<n> next to the current one so consumers can load it;"
              + " it decrypts at once and encrypts once promoted.")
  public Uni<VersionView> add(
      @PathParam("environment") String name, @PathParam("slot") String slot, AddRequest request) {
    OffsetDateTime autoPromoteAt = null;
    if (request != null && request.promoteAfter() != null) {
      try {
        autoPromoteAt =
            OffsetDateTime.now(ZoneOffset.UTC).plus(Duration.parse(request.promoteAfter()));
      } catch (java.time.format.DateTimeParseException e) {
        throw new BadRequestException("promoteAfter must be an ISO-8601 duration such as PT24H");
      }
    }
    OffsetDateTime promoteAt = autoPromoteAt;
    return Environment.named(name)
        .chain(
            environment ->
                rotations.add(
                    environment,
                    slot,
                    promoteAt,
                    request(request == null ? null : request.reason(), false)))
        .map(v -> VersionView.of(v, null));
  }

  @POST
  @Path("/versions/{version}/promote")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Promote a pending version to primary and re-encrypt the vault to it")
  public Uni<VersionView> promote(
      @PathParam("environment") String name,
      @PathParam("slot") String slot,
      @PathParam("version") int version) {
    return Environment.named(name)
        .chain(environment -> rotations.promote(environment, slot, version, request(null, false)))
        .map(v -> VersionView.of(v, null));
  }

  @POST
  @Path("/rotate")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Rotate now: add and promote a new version, then re-encrypt",
      description =
          "With emergency=true (needs step-up) the named versions, by default the current primary,"
              + " are marked compromised and re-encryption away from them starts at once (IR-02).")
  public Uni<VersionView> rotate(
      @PathParam("environment") String name,
      @PathParam("slot") String slot,
      RotateRequest request) {
    boolean emergency = request != null && Boolean.TRUE.equals(request.emergency());
    if (emergency) {
      stepUp.require(identity);
    }
    Set<Integer> compromised =
        request == null || request.compromisedVersions() == null
            ? Set.of()
            : new HashSet<>(request.compromisedVersions());
    return Environment.named(name)
        .chain(
            environment ->
                rotations.rotate(
                    environment,
                    slot,
                    compromised,
                    request(request == null ? null : request.reason(), emergency)))
        .map(v -> VersionView.of(v, null));
  }

  @POST
  @Path("/versions/{version}/retire")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Retire every version up to this one and destroy them in the Secret (step-up)",
      description = "Refused (409) while any vault credential still uses one of them.")
  public Uni<List<VersionView>> retire(
      @PathParam("environment") String name,
      @PathParam("slot") String slot,
      @PathParam("version") int version) {
    stepUp.require(identity);
    return Environment.named(name)
        .chain(environment -> rotations.retire(environment, slot, version, request(null, false)))
        .map(list -> list.stream().map(v -> VersionView.of(v, null)).toList());
  }

  @GET
  @Path("/policy")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "The slot's rotation policy")
  public Uni<PolicyView> policy(
      @PathParam("environment") String name, @PathParam("slot") String slot) {
    return Environment.named(name)
        .chain(environment -> SlotPolicy.of(environment.id, slot))
        .map(PolicyView::of);
  }

  @PUT
  @Path("/policy")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Set the rotation period (days, default 365) and automatic rotation")
  public Uni<PolicyView> setPolicy(
      @PathParam("environment") String name,
      @PathParam("slot") String slot,
      PolicyRequest request) {
    if (request == null) {
      throw new BadRequestException("a JSON body is required");
    }
    if (request.rotationPeriodDays() != null
        && (request.rotationPeriodDays() < 1 || request.rotationPeriodDays() > 3650)) {
      throw new BadRequestException("rotationPeriodDays must be between 1 and 3650");
    }
    return Environment.named(name)
        .chain(environment -> SlotPolicy.of(environment.id, slot))
        .chain(
            policy -> {
              if (request.rotationPeriodDays() != null) {
                policy.rotationPeriodDays = request.rotationPeriodDays();
              }
              if (request.automaticRotation() != null) {
                policy.automaticRotation = request.automaticRotation();
              }
              return policy.<SlotPolicy>persist();
            })
        .call(control::evaluate)
        .map(PolicyView::of);
  }

  private Uni<List<VersionView>> views(Environment environment, String slot) {
    return KeySlotVersion.<KeySlotVersion>list(
            "environmentId = ?1 and slot = ?2 order by version", environment.id, slot)
        .chain(
            versions ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(USAGE, Object[].class)
                                .setParameter(1, environment.id)
                                .setParameter(2, slot)
                                .getResultList())
                    .map(
                        rows -> {
                          Map<Integer, Long> usage =
                              rows.stream()
                                  .collect(
                                      Collectors.toMap(
                                          r -> ((Number) r[0]).intValue(),
                                          r -> ((Number) r[1]).longValue()));
                          return versions.stream()
                              .map(v -> VersionView.of(v, usage.getOrDefault(v.version, 0L)))
                              .toList();
                        }));
  }

  private Rotations.Request request(String reason, boolean emergency) {
    if (reason != null && reason.length() > 512) {
      throw new BadRequestException("reason is longer than 512 characters");
    }
    return Rotations.Request.by(Caller.of(identity), reason, emergency);
  }
}
