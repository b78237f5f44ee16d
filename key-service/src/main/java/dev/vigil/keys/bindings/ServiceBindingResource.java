package dev.vigil.keys.bindings;

import dev.vigil.common.events.keys.ServiceBindingChanged;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.EntraIdConfig;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
import dev.vigil.keys.KeyEvents;
import dev.vigil.keys.environments.Environment;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Binds service principals to environments: a {@code Vigil.Service} token may use an environment's
 * transit keys and vault only when its tenant and object ID are bound to it.
 */
@Path("/api/v1/keys/environments/{environment}/service-bindings")
@Tag(name = "Service bindings")
public class ServiceBindingResource {

  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /**
   * The service principal's object ID (Entra ID: Enterprise applications, Object ID, the {@code
   * oid} of its tokens) and tenant (default: Vigil's own tenant).
   */
  public record NewBinding(String objectId, String tenantId, String note) {}

  /** Who made a binding. */
  public record Creator(String oid, String azp, String tid) {}

  /** A binding as the API shows it. */
  public record BindingView(
      long id,
      String environment,
      String tenantId,
      String objectId,
      String note,
      OffsetDateTime createdAt,
      Creator createdBy) {
    static BindingView of(ServiceBinding b, String environment) {
      return new BindingView(
          b.id,
          environment,
          b.tenantId,
          b.objectId,
          b.note,
          b.createdAt,
          new Creator(b.createdByOid, b.createdByAzp, b.createdByTid));
    }
  }

  private final StepUp stepUp;
  private final SecurityIdentity identity;
  private final EntraIdConfig oidc;
  private final KeyEvents events;

  ServiceBindingResource(
      StepUp stepUp, SecurityIdentity identity, EntraIdConfig oidc, KeyEvents events) {
    this.stepUp = stepUp;
    this.identity = identity;
    this.oidc = oidc;
    this.events = events;
  }

  @POST
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Bind a service principal to the environment (Admin + step-up)")
  public Uni<Response> bind(@PathParam("environment") String environmentName, NewBinding request) {
    stepUp.require(identity);
    NewBinding binding = checked(request);
    Caller caller = Caller.of(identity);
    return Environment.named(environmentName)
        .chain(
            environment ->
                ServiceBinding.count(
                        "environmentId = ?1 and tenantId = ?2 and objectId = ?3",
                        environment.id,
                        binding.tenantId(),
                        binding.objectId())
                    .chain(
                        existing -> {
                          if (existing > 0) {
                            return Uni.createFrom()
                                .failure(
                                    new ClientErrorException(
                                        binding.objectId()
                                            + " is already bound to "
                                            + environmentName,
                                        Response.Status.CONFLICT));
                          }
                          ServiceBinding created = new ServiceBinding();
                          created.environmentId = environment.id;
                          created.tenantId = binding.tenantId();
                          created.objectId = binding.objectId();
                          created.note = binding.note();
                          created.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
                          created.createdByOid = caller.oid();
                          created.createdByAzp = caller.azp();
                          created.createdByTid = caller.tenant();
                          return created
                              .<ServiceBinding>persist()
                              .call(saved -> emit(environmentName, saved, "BOUND", caller))
                              .map(
                                  saved ->
                                      Response.status(Response.Status.CREATED)
                                          .entity(BindingView.of(saved, environmentName))
                                          .build());
                        }));
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "The service principals bound to the environment")
  public Uni<List<BindingView>> list(@PathParam("environment") String environmentName) {
    return Environment.named(environmentName)
        .chain(
            environment ->
                ServiceBinding.<ServiceBinding>list(
                    "environmentId = ?1 order by id", environment.id))
        .map(all -> all.stream().map(b -> BindingView.of(b, environmentName)).toList());
  }

  @DELETE
  @Path("/{id}")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Unbind a service principal from the environment (Admin + step-up)")
  public Uni<Void> unbind(
      @PathParam("environment") String environmentName, @PathParam("id") long id) {
    stepUp.require(identity);
    Caller caller = Caller.of(identity);
    return Environment.named(environmentName)
        .chain(
            environment ->
                ServiceBinding.<ServiceBinding>find(
                        "id = ?1 and environmentId = ?2", id, environment.id)
                    .<ServiceBinding>firstResult())
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no binding " + id + " in " + environmentName))
        .call(binding -> binding.delete())
        .call(binding -> emit(environmentName, binding, "UNBOUND", caller))
        .replaceWithVoid();
  }

  private NewBinding checked(NewBinding request) {
    if (request == null
        || request.objectId() == null
        || !GUID.matcher(request.objectId()).matches()) {
      throw new BadRequestException("objectId must be the service principal's object ID (a GUID)");
    }
    String tenant = request.tenantId() == null ? oidc.tenantId() : request.tenantId();
    if (!GUID.matcher(tenant).matches()) {
      throw new BadRequestException("tenantId must be a directory ID (a GUID)");
    }
    if (request.note() != null && request.note().length() > 256) {
      throw new BadRequestException("note is limited to 256 characters");
    }
    return new NewBinding(request.objectId().toLowerCase(), tenant.toLowerCase(), request.note());
  }

  private Uni<Void> emit(String environment, ServiceBinding binding, String change, Caller caller) {
    return events.emit(
        environment,
        new ServiceBindingChanged(
            environment,
            binding.tenantId,
            binding.objectId,
            change,
            binding.note,
            caller.oid(),
            caller.azp(),
            caller.tenant(),
            OffsetDateTime.now(ZoneOffset.UTC)));
  }
}
