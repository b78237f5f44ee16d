package dev.vigil.keys.bindings;

import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.common.security.StepUp;
import dev.vigil.keys.environments.Environment;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;

/**
 * Who may use an environment's transit keys and vault. A caller holding {@code Vigil.Service} is
 * always checked against the environment's bindings, whatever other roles it has, so a service
 * token can never reach another environment by also carrying Admin. An Admin without the Service
 * role takes the admin path: vault writes and deletes need step-up.
 */
@ApplicationScoped
public class ServiceAccess {

  /** What the caller is about to do. */
  public enum Use {
    /** Transit operations, reading and listing credentials. */
    USE,
    /** Storing, replacing or deleting credentials: destructive for an admin. */
    CHANGE_CREDENTIALS
  }

  private final StepUp stepUp;

  ServiceAccess(StepUp stepUp) {
    this.stepUp = stepUp;
  }

  /**
   * @return the environment, once the caller may use it
   * @throws ForbiddenException (as a failed Uni) for a service principal not bound to it
   */
  public Uni<Environment> authorize(SecurityIdentity identity, Environment environment, Use use) {
    if (!identity.hasRole(Roles.SERVICE)) {
      if (use == Use.CHANGE_CREDENTIALS) {
        stepUp.require(identity);
      }
      return Uni.createFrom().item(environment);
    }
    Caller caller = Caller.of(identity);
    if (caller.oid() == null || caller.tenant() == null) {
      return refused(environment);
    }
    return ServiceBinding.count(
            "environmentId = ?1 and tenantId = ?2 and objectId = ?3",
            environment.id,
            caller.tenant().toLowerCase(),
            caller.oid().toLowerCase())
        .chain(bound -> bound > 0 ? Uni.createFrom().item(environment) : refused(environment));
  }

  private static Uni<Environment> refused(Environment environment) {
    return Uni.createFrom()
        .failure(
            new ForbiddenException(
                "this service principal is not bound to environment "
                    + environment.name
                    + " (an Admin binds it: POST /api/v1/keys/environments/"
                    + environment.name
                    + "/service-bindings)"));
  }
}
