package dev.vigil.access.campaigns.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.access.campaigns.Campaign;
import dev.vigil.access.campaigns.CampaignDefinition;
import dev.vigil.access.campaigns.CampaignItem;
import dev.vigil.access.campaigns.CampaignResource.ItemView;
import dev.vigil.common.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Assembles a campaign's report from its frozen items; needs a session. */
@ApplicationScoped
public class CampaignReports {

  private static final ObjectMapper CANONICAL =
      new ObjectMapper()
          .findAndRegisterModules()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);

  public Uni<CampaignReport> of(UUID campaignId, Caller caller) {
    return Campaign.byId(campaignId)
        .chain(
            campaign ->
                CampaignDefinition.<CampaignDefinition>findById(campaign.definitionId)
                    .chain(
                        definition ->
                            CampaignItem.<CampaignItem>list(
                                    "campaignId = ?1 order by id", campaignId)
                                .map(items -> report(campaign, definition, items, caller))));
  }

  private static CampaignReport report(
      Campaign c, CampaignDefinition definition, List<CampaignItem> items, Caller caller) {
    List<ItemView> views = items.stream().map(ItemView::of).toList();
    Map<String, Long> summary = summary(views);
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("campaignId", c.id.toString());
    evidence.put("definition", definition.name);
    evidence.put("scope", c.scope.name());
    evidence.put("state", c.state);
    evidence.put("startedAt", instant(c.startedAt));
    evidence.put("dueAt", instant(c.dueAt));
    evidence.put("closedAt", instant(c.closedAt));
    evidence.put("startedBy", c.startedBy);
    evidence.put("closedBy", c.closedBy);
    evidence.put("summary", summary);
    evidence.put("items", views);
    return new CampaignReport(
        c.id,
        definition.name,
        c.scope,
        c.state,
        c.startedAt,
        c.dueAt,
        c.closedAt,
        c.startedBy,
        c.closedBy,
        summary,
        views,
        OffsetDateTime.now(ZoneOffset.UTC),
        caller.id(),
        digest(evidence));
  }

  static Map<String, Long> summary(List<ItemView> items) {
    Map<String, Long> summary = new LinkedHashMap<>();
    summary.put("items", (long) items.size());
    summary.put("recommendedRevocations", count(items, i -> i.recommendation(), "REVOKE"));
    summary.put("approved", count(items, ItemView::decision, "APPROVE"));
    summary.put("revoked", count(items, ItemView::decision, "REVOKE"));
    summary.put("modified", count(items, ItemView::decision, "MODIFY"));
    summary.put("undecided", items.stream().filter(i -> i.decision() == null).count());
    summary.put("revocationsRequested", count(items, ItemView::revocation, "REQUESTED"));
    summary.put("revocationsApplied", count(items, ItemView::revocation, "APPLIED"));
    summary.put("revocationsVerified", count(items, ItemView::revocation, "VERIFIED"));
    summary.put("revocationsFailed", count(items, ItemView::revocation, "FAILED"));
    return summary;
  }

  private static long count(
      List<ItemView> items, java.util.function.Function<ItemView, String> field, String value) {
    return items.stream().filter(i -> Objects.equals(field.apply(i), value)).count();
  }

  private static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }

  private static String digest(Map<String, Object> evidence) {
    try {
      return "sha256:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(CANONICAL.writeValueAsBytes(evidence)));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot digest the campaign report", e);
    }
  }
}
