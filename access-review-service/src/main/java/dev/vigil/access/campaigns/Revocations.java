package dev.vigil.access.campaigns;

import dev.vigil.access.AccessConfig;
import dev.vigil.access.snapshot.Account;
import dev.vigil.access.snapshot.ApiKey;
import dev.vigil.access.snapshot.SnapshotReplaced;
import dev.vigil.access.snapshot.Source;
import dev.vigil.access.snapshot.SourceKind;
import dev.vigil.access.snapshot.SourceSnapshot;
import dev.vigil.access.sources.graph.EntraActions;
import dev.vigil.access.sources.scim.ScimClient;
import dev.vigil.common.cdi.ChainedEvent;
import dev.vigil.common.events.EventFactory;
import dev.vigil.common.events.VigilTopics;
import dev.vigil.common.events.access.RevocationApplied;
import dev.vigil.common.events.access.RevocationRequested;
import dev.vigil.common.jobs.Workers;
import dev.vigil.common.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Tracks each revoke decision requested → applied → verified. Entra ID accounts are revoked through
 * Graph (app role assignments removed, sessions revoked); platform accounts are disabled through
 * SCIM when the source has a SCIM base URL; every revocation is also requested from the platform by
 * event (API keys only that way, SCIM cannot revoke them). Only a later snapshot that no longer
 * shows the access verifies it.
 */
@ApplicationScoped
public class Revocations {

  private static final Logger LOG = Logger.getLogger(Revocations.class);

  static final String REQUESTED = "REQUESTED";
  static final String APPLIED = "APPLIED";
  static final String VERIFIED = "VERIFIED";
  static final String FAILED = "FAILED";

  static final List<String> ENTRA_ACTIONS = List.of("REMOVE_ROLES", "REVOKE_SESSIONS");
  static final List<String> ENTRA_ACTIONS_DISABLING =
      List.of("REMOVE_ROLES", "REVOKE_SESSIONS", "DISABLE");

  private final EventFactory events;
  private final Outbox outbox;
  private final VigilTopics topics;
  private final EntraActions entra;
  private final ScimClient scim;
  private final List<String> entraActions;

  Revocations(
      EventFactory events,
      Outbox outbox,
      VigilTopics topics,
      EntraActions entra,
      ScimClient scim,
      AccessConfig config) {
    this.entraActions =
        config.disableEntraAccountsOnRevoke() ? ENTRA_ACTIONS_DISABLING : ENTRA_ACTIONS;
    this.events = events;
    this.outbox = outbox;
    this.topics = topics;
    this.entra = entra;
    this.scim = scim;
  }

  /** Marks the items REQUESTED and publishes a request for each; needs a transaction. */
  Uni<Void> request(List<CampaignItem> items, String reason) {
    return Multi.createFrom()
        .iterable(items)
        .onItem()
        .transformToUniAndConcatenate(
            item ->
                Source.byId(item.sourceId)
                    .chain(
                        source -> {
                          item.revocation = REQUESTED;
                          return outbox.enqueue(
                              topics.access(),
                              events.createWithId(
                                  requestId(item),
                                  item.subjectId,
                                  new RevocationRequested(
                                      requestId(item),
                                      item.sourceName,
                                      item.kind,
                                      item.subjectId,
                                      actions(source.kind, item.kind),
                                      reason)));
                        }))
        .collect()
        .last()
        .replaceWithVoid();
  }

  /**
   * Applies the campaign's requested Entra ID revocations through Graph, each in its own
   * transaction so one failure does not undo the others. Call outside a transaction.
   */
  public Uni<Void> applyRequested(UUID campaignId) {
    return Panache.withSession(
            () ->
                CampaignItem.<CampaignItem>list(
                    "campaignId = ?1 and revocation = ?2 and kind = ?3",
                    campaignId,
                    REQUESTED,
                    CampaignItem.ACCOUNT))
        .chain(
            items ->
                Multi.createFrom()
                    .iterable(items)
                    .onItem()
                    .transformToUniAndConcatenate(this::apply)
                    .collect()
                    .last())
        .replaceWithVoid();
  }

  private Uni<Void> apply(CampaignItem requested) {
    return Panache.withSession(() -> Source.byId(requested.sourceId))
        .chain(
            source -> {
              if (source.kind == SourceKind.ENTRA) {
                return Workers.offload(() -> revokeInEntra(requested.subjectId))
                    .chain(error -> record(requested.id, error, entraActions));
              }
              if (!scim.available(source.scimBaseUrl)) {
                LOG.infof(
                    "Revocation of %s on %s left to the platform: no SCIM base URL or token",
                    requested.subjectId, source.name);
                return Uni.createFrom().voidItem();
              }
              String base = source.scimBaseUrl;
              return Workers.offload(() -> scim.deactivate(base, requested.subjectId).orElse(null))
                  .chain(error -> record(requested.id, error, List.of("DISABLE")));
            });
  }

  /** Runs the Graph calls; the failure reason, or null. */
  private String revokeInEntra(String userId) {
    try {
      entra.removeRoles(userId);
      entra.revokeSessions(userId);
      if (entraActions.contains("DISABLE")) {
        entra.disable(userId);
      }
      return null;
    } catch (RuntimeException e) {
      LOG.warnf("Revocation of %s in Entra ID failed: %s", userId, e.getMessage());
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  private Uni<Void> record(long itemId, String error, List<String> actions) {
    return Panache.withTransaction(
        () ->
            CampaignItem.<CampaignItem>findById(itemId)
                .chain(
                    item -> {
                      if (error != null) {
                        item.revocation = FAILED;
                        item.revocationError = Campaigns.truncate(error, 512);
                        return Uni.createFrom().voidItem();
                      }
                      item.revocation = APPLIED;
                      return outbox.enqueue(
                          topics.access(),
                          events.create(
                              item.subjectId,
                              new RevocationApplied(
                                  requestId(item),
                                  item.sourceName,
                                  item.subjectId,
                                  actions,
                                  "access-review-service")));
                    }));
  }

  /**
   * Marks as VERIFIED every open revocation of the source that the new snapshot no longer shows:
   * the account is gone or disabled, the key is gone or revoked. Needs a transaction.
   */
  /** Whether the source has revocations a new snapshot could verify. */
  /**
   * A new snapshot can show revoked access gone: verified in the sync's transaction, before the
   * controls judge it. The snapshot is loaded only when a revocation waits for it.
   */
  void onReplaced(@Observes @Priority(ChainedEvent.CHANGES) SnapshotReplaced replaced) {
    Source source = replaced.source();
    replaced.then(
        () ->
            pending(source)
                .chain(
                    pending ->
                        pending
                            ? replaced.snapshot().chain(snapshot -> verify(source, snapshot))
                            : Uni.createFrom().item(0)));
  }

  public Uni<Boolean> pending(Source source) {
    return CampaignItem.count(
            "sourceId = ?1 and revocation in ?2", source.id, List.of(REQUESTED, APPLIED))
        .map(count -> count > 0);
  }

  public Uni<Integer> verify(Source source, SourceSnapshot snapshot) {
    return CampaignItem.<CampaignItem>list(
            "sourceId = ?1 and revocation in ?2", source.id, List.of(REQUESTED, APPLIED))
        .map(
            items -> {
              int verified = 0;
              for (CampaignItem item : items) {
                if (gone(item, snapshot)) {
                  item.revocation = VERIFIED;
                  item.revocationError = null;
                  verified++;
                }
              }
              return verified;
            });
  }

  private static boolean gone(CampaignItem item, SourceSnapshot snapshot) {
    if (CampaignItem.API_KEY.equals(item.kind)) {
      Optional<ApiKey> key =
          snapshot.apiKeys().stream().filter(k -> k.id().equals(item.subjectId)).findFirst();
      return key.isEmpty() || !key.get().active();
    }
    Optional<Account> account =
        snapshot.accounts().stream().filter(a -> a.id().equals(item.subjectId)).findFirst();
    return account.isEmpty() || !account.get().enabled() || account.get().roles().isEmpty();
  }

  List<String> actions(SourceKind source, String kind) {
    if (CampaignItem.API_KEY.equals(kind)) {
      return List.of("REVOKE_API_KEY");
    }
    return source == SourceKind.ENTRA ? entraActions : List.of("DISABLE");
  }

  /** The same request id for an item however often it is requested, so requests stay idempotent. */
  static String requestId(CampaignItem item) {
    return UUID.nameUUIDFromBytes(
            ("campaign-item:" + item.campaignId + ":" + item.id)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .toString();
  }
}
