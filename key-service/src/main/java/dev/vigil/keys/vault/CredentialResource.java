package dev.vigil.keys.vault;

import dev.vigil.common.security.Roles;
import dev.vigil.keys.bindings.ServiceAccess;
import dev.vigil.keys.bindings.ServiceAccess.Use;
import dev.vigil.keys.environments.Environment;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The credential vault: the platform stores its credentials here, encrypted under a slot's key, and
 * re-encryption keeps them on the newest version after every rotation.
 */
@Path("/api/v1/keys/environments/{environment}/credentials")
@Tag(name = "Credential vault")
public class CredentialResource {

  /** A credential without its value. */
  public record CredentialView(
      String name, String slot, int keyVersion, String rewrapError, OffsetDateTime updatedAt) {
    static CredentialView of(StoredCredential c) {
      return new CredentialView(c.name, c.slot, c.keyVersion, c.rewrapError, c.updatedAt);
    }
  }

  /** A credential with its value, for the service that uses it. */
  public record CredentialValue(String name, String slot, int keyVersion, String value) {}

  public record NewValue(String value, String slot) {}

  public record Batch(List<CredentialVault.Write> items) {}

  private final CredentialVault vault;
  private final ServiceAccess access;
  private final SecurityIdentity identity;

  CredentialResource(CredentialVault vault, ServiceAccess access, SecurityIdentity identity) {
    this.vault = vault;
    this.access = access;
    this.identity = identity;
  }

  @PUT
  @Path("/{name}")
  @WithTransaction
  @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
  @Operation(
      summary = "Store or replace one credential, encrypted under the slot's primary version")
  public Uni<CredentialView> put(
      @PathParam("environment") String environment,
      @PathParam("name") String name,
      NewValue value) {
    if (value == null) {
      throw new BadRequestException("a JSON body with value is required");
    }
    return environment(environment, Use.CHANGE_CREDENTIALS)
        .chain(
            env ->
                vault.store(
                    env, List.of(new CredentialVault.Write(name, value.value(), value.slot()))))
        .map(stored -> CredentialView.of(stored.get(0)));
  }

  @POST
  @WithTransaction
  @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
  @Operation(summary = "Store or replace many credentials in one transaction")
  public Uni<List<CredentialView>> putAll(
      @PathParam("environment") String environment, Batch batch) {
    if (batch == null || batch.items() == null || batch.items().isEmpty()) {
      throw new BadRequestException("a JSON body with a non-empty items array is required");
    }
    if (batch.items().size() > 1000) {
      throw new BadRequestException("at most 1000 items per request");
    }
    return environment(environment, Use.CHANGE_CREDENTIALS)
        .chain(env -> vault.store(env, batch.items()))
        .map(stored -> stored.stream().map(CredentialView::of).toList());
  }

  @GET
  @Path("/{name}")
  @WithSession
  @RolesAllowed(Roles.SERVICE)
  @Operation(summary = "One credential with its value (machine callers only)")
  public Uni<CredentialValue> get(
      @PathParam("environment") String environment, @PathParam("name") String name) {
    return environment(environment, Use.USE)
        .chain(
            env ->
                credential(env, name)
                    .chain(
                        c ->
                            vault
                                .read(env, c)
                                .map(v -> new CredentialValue(c.name, c.slot, c.keyVersion, v))));
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.SERVICE})
  @Operation(summary = "The environment's credentials without values, by name, 500 per page")
  public Uni<List<CredentialView>> list(
      @PathParam("environment") String environment, @QueryParam("after") String after) {
    return environment(environment, Use.USE)
        .chain(
            env ->
                StoredCredential.<StoredCredential>find(
                        "environmentId = ?1 and name > ?2 order by name",
                        env.id,
                        after == null ? "" : after)
                    .page(0, 500)
                    .list())
        .map(list -> list.stream().map(CredentialView::of).toList());
  }

  @DELETE
  @Path("/{name}")
  @WithTransaction
  @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
  @Operation(summary = "Delete a credential")
  public Uni<Void> delete(
      @PathParam("environment") String environment, @PathParam("name") String name) {
    return environment(environment, Use.CHANGE_CREDENTIALS)
        .chain(env -> credential(env, name))
        .chain(c -> c.delete());
  }

  private Uni<Environment> environment(String name, Use use) {
    return Environment.named(name).chain(env -> access.authorize(identity, env, use));
  }

  private static Uni<StoredCredential> credential(Environment environment, String name) {
    return StoredCredential.<StoredCredential>find(
            "environmentId = ?1 and name = ?2", environment.id, name)
        .firstResult()
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no credential " + name));
  }
}
