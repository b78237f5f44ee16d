package dev.vigil.keys.environments;

import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
import dev.vigil.keys.KeysConfig;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Registers the environments whose keys Vigil manages. */
@Path("/api/v1/keys/environments")
@Tag(name = "Keys")
public class EnvironmentResource {

  private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
  private static final String DNS_NAME = "[a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?";

  /** A new environment; {@code secretName} defaults to {@code vigil.keys.default-secret-name}. */
  public record NewEnvironment(
      String name,
      String namespace,
      String clusterContext,
      String secretName,
      String databaseSecret,
      String databaseSecretKey) {

    void check() {
      List<String> errors = new ArrayList<>();
      if (name == null || !name.matches(DNS_LABEL)) {
        errors.add("name must be a DNS label (lower case, digits, '-', at most 63)");
      }
      if (namespace == null || !namespace.matches(DNS_LABEL)) {
        errors.add("namespace must be a DNS label");
      }
      if (secretName != null && !secretName.matches(DNS_NAME)) {
        errors.add("secretName must be a DNS subdomain name");
      }
      if (databaseSecret != null && !databaseSecret.matches(DNS_NAME)) {
        errors.add("databaseSecret must be a DNS subdomain name");
      }
      if (databaseSecretKey != null && !databaseSecretKey.matches("[-._a-zA-Z0-9]{1,253}")) {
        errors.add("databaseSecretKey must be a Secret data key");
      }
      if (!errors.isEmpty()) {
        throw new BadRequestException(String.join("; ", errors));
      }
    }
  }

  /** An environment as the API shows it. */
  public record EnvironmentView(
      String name,
      String namespace,
      String clusterContext,
      String secretName,
      String databaseSecret,
      String databaseSecretKey) {
    static EnvironmentView of(Environment e) {
      return new EnvironmentView(
          e.name,
          e.namespace,
          e.clusterContext,
          e.secretName,
          e.databaseSecret,
          e.databaseSecretKey);
    }
  }

  private final KeysConfig config;
  private final Event<EnvironmentCreated> created;
  private final KubernetesClusters clusters;
  private final StepUp stepUp;
  private final SecurityIdentity identity;

  EnvironmentResource(
      KeysConfig config,
      Event<EnvironmentCreated> created,
      KubernetesClusters clusters,
      StepUp stepUp,
      SecurityIdentity identity) {
    this.config = config;
    this.created = created;
    this.clusters = clusters;
    this.stepUp = stepUp;
    this.identity = identity;
  }

  @POST
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Register an environment (its namespace and the Secret of its key slots; step-up)")
  public Uni<Response> register(NewEnvironment request) {
    stepUp.require(identity);
    if (request == null) {
      throw new BadRequestException("a JSON body with name and namespace is required");
    }
    request.check();
    if (request.clusterContext() != null
        && !clusters.contexts().contains(request.clusterContext())) {
      throw new BadRequestException(
          "clusterContext "
              + request.clusterContext()
              + " is not a context of vigil.keys.kubeconfig (known: "
              + clusters.contexts()
              + ")");
    }
    if (clusters.isReleaseNamespace(request.clusterContext(), request.namespace())) {
      throw new BadRequestException(
          "namespace "
              + request.namespace()
              + " is Vigil's own release namespace: key Secrets must live in the environment's"
              + " namespace, never beside Vigil's database credentials");
    }
    return Environment.<Environment>find("name", request.name())
        .firstResult()
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom()
                    .failure(
                        new ClientErrorException(
                            "environment " + request.name() + " exists", Response.Status.CONFLICT));
              }
              Environment environment = new Environment();
              environment.name = request.name();
              environment.namespace = request.namespace();
              environment.clusterContext = request.clusterContext();
              environment.secretName =
                  request.secretName() == null ? config.defaultSecretName() : request.secretName();
              environment.databaseSecret = request.databaseSecret();
              environment.databaseSecretKey =
                  request.databaseSecret() == null
                      ? null
                      : request.databaseSecretKey() == null
                          ? "password"
                          : request.databaseSecretKey();
              environment.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
              return environment
                  .<Environment>persist()
                  .call(saved -> ChainedEvent.publish(created, new EnvironmentCreated(saved)))
                  .map(
                      saved ->
                          Response.status(Response.Status.CREATED)
                              .entity(EnvironmentView.of(saved))
                              .build());
            });
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "List the registered environments")
  public Uni<List<EnvironmentView>> list() {
    return Environment.<Environment>listAll()
        .map(all -> all.stream().map(EnvironmentView::of).toList());
  }
}
