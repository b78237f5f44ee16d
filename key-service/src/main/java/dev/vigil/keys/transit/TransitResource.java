package dev.vigil.keys.transit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.security.Roles;
import dev.vigil.keys.KeysConfig;
import dev.vigil.keys.bindings.ServiceAccess;
import dev.vigil.keys.environments.Environment;
import dev.vigil.keys.slots.KeyRing.SlotKeys;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The transit API: the platform keeps its ciphertexts, Vigil keeps the keys. Every call is a batch;
 * each item succeeds or fails on its own (the error says why, never with data).
 */
@Path("/api/v1/keys/environments/{environment}/slots/{slot}/transit")
@Tag(name = "Transit")
public class TransitResource {

  /** One item: plaintext (base64) to encrypt, or a ciphertext; context (base64) is optional. */
  public record Item(String plaintext, String ciphertext, String context) {}

  public record Batch(List<Item> items) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Result(String ciphertext, String plaintext, Integer keyVersion, String error) {}

  public record Results(List<Result> items) {}

  private final Transit transit;
  private final KeysConfig config;
  private final ServiceAccess access;
  private final SecurityIdentity identity;

  TransitResource(
      Transit transit, KeysConfig config, ServiceAccess access, SecurityIdentity identity) {
    this.transit = transit;
    this.config = config;
    this.access = access;
    this.identity = identity;
  }

  @POST
  @Path("/encrypt")
  @WithSession
  @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
  @Operation(
      summary = "Encrypt under the slot's primary version (AES-256-GCM)",
      description =
          "Returns vigil:v<n>:<base64> ciphertexts bound to the environment, slot, version and the"
              + " item's context.")
  public Uni<Results> encrypt(
      @PathParam("environment") String environment, @PathParam("slot") String slot, Batch batch) {
    List<Item> items = checked(batch);
    return keys(environment, slot, List.of(), true)
        .map(
            (Ready ready) ->
                results(
                    Transit.each(
                        items,
                        item ->
                            transit.encrypt(
                                ready.keys(), ready.boundTo(), context(item), plaintext(item)),
                        Envelope::versionOf)));
  }

  @POST
  @Path("/decrypt")
  @WithSession
  @RolesAllowed(Roles.SERVICE)
  @Operation(summary = "Decrypt with the version each ciphertext names")
  public Uni<Results> decrypt(
      @PathParam("environment") String environment, @PathParam("slot") String slot, Batch batch) {
    List<Item> items = checked(batch);
    return keys(environment, slot, ciphertexts(items), false)
        .map(
            (Ready ready) -> {
              List<Transit.Outcome<Decrypted>> outcomes =
                  Transit.each(
                      items,
                      item ->
                          new Decrypted(
                              transit.decrypt(
                                  ready.keys(), ready.boundTo(), item.ciphertext(), context(item)),
                              Envelope.versionOf(item.ciphertext())),
                      Decrypted::version);
              return new Results(
                  outcomes.stream()
                      .map(
                          o ->
                              o.error() != null
                                  ? new Result(null, null, null, o.error())
                                  : new Result(
                                      null,
                                      Base64.getEncoder().encodeToString(o.value().plaintext()),
                                      o.keyVersion(),
                                      null))
                      .toList());
            });
  }

  @POST
  @Path("/rewrap")
  @WithSession
  @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
  @Operation(
      summary = "Re-encrypt ciphertexts under the primary version",
      description = "The plaintext never leaves the service.")
  public Uni<Results> rewrap(
      @PathParam("environment") String environment, @PathParam("slot") String slot, Batch batch) {
    List<Item> items = checked(batch);
    return keys(environment, slot, ciphertexts(items), true)
        .map(
            (Ready ready) ->
                results(
                    Transit.each(
                        items,
                        item ->
                            transit.rewrap(
                                ready.keys(), ready.boundTo(), item.ciphertext(), context(item)),
                        Envelope::versionOf)));
  }

  private record Ready(SlotKeys keys, String boundTo) {}

  private record Decrypted(byte[] plaintext, int version) {}

  private Uni<Ready> keys(
      String environmentName, String slot, List<String> ciphertexts, boolean encrypting) {
    return Environment.named(environmentName)
        .chain(environment -> access.authorize(identity, environment, ServiceAccess.Use.USE))
        .chain(
            environment ->
                transit
                    .keysFor(environment, slot, ciphertexts, encrypting)
                    .map(keys -> new Ready(keys, Transit.boundTo(environment, slot))));
  }

  private List<Item> checked(Batch batch) {
    if (batch == null || batch.items() == null || batch.items().isEmpty()) {
      throw new BadRequestException("a JSON body with a non-empty items array is required");
    }
    if (batch.items().size() > config.transit().maxBatch()) {
      throw new ClientErrorException(
          "at most " + config.transit().maxBatch() + " items per request",
          Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }
    if (batch.items().stream().anyMatch(Objects::isNull)) {
      throw new BadRequestException("items must be objects");
    }
    return batch.items();
  }

  private static List<String> ciphertexts(List<Item> items) {
    return items.stream().map(Item::ciphertext).filter(Objects::nonNull).toList();
  }

  private static Results results(List<Transit.Outcome<String>> outcomes) {
    return new Results(
        outcomes.stream()
            .map(
                o ->
                    o.error() != null
                        ? new Result(null, null, null, o.error())
                        : new Result(o.value(), null, o.keyVersion(), null))
            .toList());
  }

  private byte[] plaintext(Item item) {
    byte[] plaintext = decoded(item.plaintext(), "plaintext");
    if (plaintext.length > config.transit().maxPlaintextBytes()) {
      throw new IllegalArgumentException(
          "plaintext is larger than " + config.transit().maxPlaintextBytes() + " bytes");
    }
    return plaintext;
  }

  private static byte[] context(Item item) {
    return item.context() == null ? new byte[0] : decoded(item.context(), "context");
  }

  private static byte[] decoded(String base64, String field) {
    if (base64 == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + " is not valid base64");
    }
  }
}
