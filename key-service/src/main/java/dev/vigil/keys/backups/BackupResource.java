package dev.vigil.keys.backups;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.common.http.Problem;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
import dev.vigil.keys.KeysConfig;
import dev.vigil.keys.environments.Environment;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Offline key backups of one environment: export, verify, restore, attest, coverage. */
@Path("/api/v1/keys/environments/{environment}/backups")
@Tag(name = "Key backups")
public class BackupResource {

  public record ExportRequest(String passphrase) {}

  public record VerifyRequest(JsonNode bundle, String passphrase) {}

  public record RestoreRequest(JsonNode bundle, String passphrase, Boolean force) {}

  public record AttestRequest(
      String location,
      Boolean separateFromDatabaseBackups,
      String note,
      OffsetDateTime expiresAt) {}

  /** A backup record: what it holds and when it was verified, never key material. */
  public record BackupView(
      UUID id,
      OffsetDateTime createdAt,
      String createdBy,
      Map<String, List<Integer>> versions,
      OffsetDateTime verifiedAt,
      String verifiedBy,
      OffsetDateTime restoredAt) {
    static BackupView of(KeyBackup b) {
      return new BackupView(
          b.id,
          b.createdAt,
          b.createdBy,
          BackupControls.versions(b),
          b.verifiedAt,
          b.verifiedBy,
          b.restoredAt);
    }
  }

  public record AttestationView(
      String location,
      boolean separateFromDatabaseBackups,
      String note,
      String attestedBy,
      OffsetDateTime attestedAt,
      OffsetDateTime expiresAt) {
    static AttestationView of(BackupAttestation a) {
      return new AttestationView(
          a.location,
          a.separateFromDatabaseBackups,
          a.note,
          a.attestedBy,
          a.attestedAt,
          a.expiresAt);
    }
  }

  /** "Backup covers through version N, current is M", per slot that is not covered. */
  public record CoverageView(
      String environment,
      UUID latestVerifiedBackup,
      List<String> uncovered,
      AttestationView attestation) {}

  private final KeyBackups backups;
  private final BackupControls controls;
  private final StepUp stepUp;
  private final SecurityIdentity identity;
  private final KeysConfig config;

  BackupResource(
      KeyBackups backups,
      BackupControls controls,
      StepUp stepUp,
      SecurityIdentity identity,
      KeysConfig config) {
    this.backups = backups;
    this.controls = controls;
    this.stepUp = stepUp;
    this.identity = identity;
    this.config = config;
  }

  @POST
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Export every key version as one encrypted bundle (needs step-up)",
      description =
          "Argon2id (from the passphrase) and AES-256-GCM; see docs/keys.md for the format. The"
              + " export counts for KEY-04/BKV-04/ENV-05 once verified.")
  public Uni<Response> export(@PathParam("environment") String name, ExportRequest request) {
    stepUp.require(identity);
    if (request == null) {
      throw new BadRequestException("a JSON body with passphrase is required");
    }
    return Environment.named(name)
        .chain(environment -> backups.export(environment, request.passphrase(), actor()))
        .map(
            exported ->
                Response.status(Response.Status.CREATED)
                    .type(MediaType.APPLICATION_JSON)
                    .header("Vigil-Backup-Id", exported.backup().id)
                    .header(
                        "Content-Disposition",
                        "attachment; filename=\"vigil-keys-"
                            + name
                            + "-"
                            + exported.backup().id
                            + ".json\"")
                    .entity(exported.bundle())
                    .build());
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "The environment's backup records, newest first")
  public Uni<List<BackupView>> list(@PathParam("environment") String name) {
    return Environment.named(name)
        .chain(
            environment ->
                KeyBackup.<KeyBackup>find(
                        "environmentId = ?1 order by createdAt desc", environment.id)
                    .page(0, 100)
                    .list())
        .map(list -> list.stream().map(BackupView::of).toList());
  }

  @POST
  @Path("/verify")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Verify a bundle without restoring it",
      description = "It must decrypt and every version's fingerprint must match the live version.")
  public Uni<KeyBackups.Verification> verify(
      @PathParam("environment") String name, VerifyRequest request) {
    if (request == null || request.bundle() == null) {
      throw new BadRequestException("a JSON body with bundle and passphrase is required");
    }
    return Environment.named(name)
        .chain(
            environment ->
                backups.verify(environment, request.bundle(), request.passphrase(), actor()));
  }

  @POST
  @Path("/restore")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Restore a bundle into the environment's Secret (needs step-up)",
      description =
          "Refused (409) when it would overwrite different live values, unless force=true.")
  public Uni<List<String>> restore(@PathParam("environment") String name, RestoreRequest request) {
    stepUp.require(identity);
    if (request == null || request.bundle() == null) {
      throw new BadRequestException("a JSON body with bundle and passphrase is required");
    }
    return Environment.named(name)
        .chain(
            environment ->
                backups.restore(
                    environment,
                    request.bundle(),
                    request.passphrase(),
                    Boolean.TRUE.equals(request.force()),
                    actor()));
  }

  @POST
  @Path("/attestations")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Attest where the offline copy is kept (needs step-up)",
      description = "Counts until expiresAt (default: vigil.keys.backup.attestation-validity).")
  public Uni<Response> attest(@PathParam("environment") String name, AttestRequest request) {
    stepUp.require(identity);
    if (request == null || request.location() == null || request.location().isBlank()) {
      throw new BadRequestException("location is required");
    }
    if (request.location().length() > 512
        || (request.note() != null && request.note().length() > 2000)) {
      throw new BadRequestException("location is limited to 512 characters, note to 2000");
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
      throw new BadRequestException("expiresAt must be in the future");
    }
    return Environment.named(name)
        .chain(
            environment -> {
              BackupAttestation attestation = new BackupAttestation();
              attestation.environmentId = environment.id;
              attestation.location = request.location();
              attestation.separateFromDatabaseBackups =
                  Boolean.TRUE.equals(request.separateFromDatabaseBackups());
              attestation.note = request.note();
              attestation.attestedBy = actor().id();
              attestation.attestedAt = now;
              attestation.expiresAt =
                  request.expiresAt() == null
                      ? now.plus(config.backup().attestationValidity())
                      : request.expiresAt();
              return attestation.<BackupAttestation>persist();
            })
        .call(controls::evaluate)
        .map(
            saved ->
                Response.status(Response.Status.CREATED).entity(AttestationView.of(saved)).build());
  }

  @GET
  @Path("/coverage")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "What the newest verified backup covers against the current versions")
  public Uni<CoverageView> coverage(@PathParam("environment") String name) {
    return Environment.named(name)
        .chain(
            environment ->
                controls
                    .coverage()
                    .map(
                        all ->
                            all.stream()
                                .filter(c -> c.environment().equals(environment.name))
                                .findFirst()
                                .map(
                                    c ->
                                        new CoverageView(
                                            c.environment(),
                                            c.latestVerified() == null
                                                ? null
                                                : c.latestVerified().id,
                                            c.uncovered(),
                                            c.attestation() == null
                                                ? null
                                                : AttestationView.of(c.attestation())))
                                .orElseThrow()));
  }

  @ServerExceptionMapper
  public Response invalidBundle(BackupBundle.InvalidBundleException exception, UriInfo uri) {
    return Problem.of(
            Response.Status.BAD_REQUEST,
            "invalid-key-backup",
            exception.getMessage(),
            uri.getPath())
        .toResponse();
  }

  /** The token's oid, azp and tid, as every Vigil service records its callers. */
  private Caller actor() {
    return Caller.of(identity);
  }
}
