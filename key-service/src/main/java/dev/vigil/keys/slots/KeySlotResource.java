package dev.vigil.keys.slots;

import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.common.security.Roles;
import dev.vigil.keys.environments.Environment;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An environment's key slots: generate what is missing, adopt what exists, list versions. */
@Path("/api/v1/keys/environments/{environment}/slots")
@Tag(name = "Keys")
public class KeySlotResource {

  /** A slot version as the API shows it: never the value, never the fingerprint. */
  public record SlotView(
      String slot,
      int version,
      String state,
      String origin,
      String weakness,
      OffsetDateTime observedAt) {
    static SlotView of(KeySlotVersion v) {
      return new SlotView(v.slot, v.version, v.state, v.origin, v.weakness, v.observedAt);
    }
  }

  /** A custom slot beside the standard ones. */
  public record CustomSlot(String name) {}

  private final KeySlots slots;
  private final Event<KeyVersionsChanged> versionsChanged;

  KeySlotResource(KeySlots slots, Event<KeyVersionsChanged> versionsChanged) {
    this.slots = slots;
    this.versionsChanged = versionsChanged;
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "Every recorded version of the environment's slots")
  public Uni<List<SlotView>> list(@PathParam("environment") String name) {
    return Environment.named(name)
        .chain(
            environment ->
                KeySlotVersion.<KeySlotVersion>list(
                    "environmentId = ?1 order by slot, version", environment.id))
        .map(versions -> versions.stream().map(SlotView::of).toList());
  }

  @POST
  @Path("/generate")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Generate the missing standard slots into the environment's Secret",
      description =
          "32 random bytes as 64 hex characters per missing slot. Slots that have a value are"
              + " adopted, never overwritten. KEY-01..03 are re-evaluated.")
  public Uni<List<SlotView>> generate(@PathParam("environment") String name) {
    return changed(name, slots::generate);
  }

  @POST
  @Path("/adopt")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Adopt the environment's existing Secret and record the slots it has",
      description =
          "Labels the Secret as this environment's (Vigil touches no other Secret) and checks a"
              + " running deployment without changing its keys.")
  public Uni<List<SlotView>> adopt(@PathParam("environment") String name) {
    return changed(name, slots::adoptExplicitly);
  }

  @POST
  @Path("/custom")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Declare a custom slot and generate it",
      description =
          "Names are upper-case letters, digits and underscores (an environment variable).")
  public Uni<List<SlotView>> custom(@PathParam("environment") String name, CustomSlot slot) {
    if (slot == null || slot.name() == null || !Slots.CUSTOM_NAME.matcher(slot.name()).matches()) {
      throw new jakarta.ws.rs.BadRequestException(
          "name must be 3-63 upper-case letters, digits and underscores, starting with a letter");
    }
    return Environment.named(name)
        .call(
            environment ->
                SlotPolicy.of(environment.id, slot.name())
                    .chain(
                        policy -> {
                          policy.custom = true;
                          return policy.persist();
                        }))
        .chain(environment -> changed(name, slots::generate));
  }

  private Uni<List<SlotView>> changed(
      String name, Function<Environment, Uni<List<KeySlotVersion>>> change) {
    return Environment.named(name)
        .chain(
            environment ->
                change
                    .apply(environment)
                    .call(
                        () ->
                            ChainedEvent.publish(
                                versionsChanged,
                                new KeyVersionsChanged(
                                    environment,
                                    KeyVersionsChanged.Change.RECORDED,
                                    null,
                                    0,
                                    false))))
        .map(versions -> versions.stream().map(SlotView::of).toList());
  }
}
