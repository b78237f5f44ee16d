package dev.vigil.audit.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.audit.chain.ChainReader;
import dev.vigil.audit.search.AuditReads;
import dev.vigil.audit.verify.CanonicalForm;
import dev.vigil.audit.verify.ChainEntry;
import dev.vigil.audit.verify.ExportLines;
import dev.vigil.audit.verify.Submitter;
import dev.vigil.common.security.Roles;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Exports audit entries as evidence (IR-01). JSON Lines carries what an offline verifier needs:
 * signing keys, checkpoints, and for entries a filter leaves out their chain links. Streams page by
 * page; an export of millions of entries is never held in memory.
 */
@Path("/api/v1/audit/export")
@Tag(name = "Audit")
public class ExportResource {

  public static final String JSON_LINES = "application/jsonl";
  public static final String CSV = "text/csv";

  private final ChainReader reader;
  private final AuditReads reads;

  ExportResource(ChainReader reader, AuditReads reads) {
    this.reader = reader;
    this.reads = reads;
  }

  @GET
  @Blocking
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Produces(JSON_LINES)
  @Operation(
      summary = "Export audit entries with their integrity proof (JSON Lines)",
      description =
          "Verifies offline with the standalone verifier (java -jar vigil-audit-verifier-standalone.jar).")
  public Response exportJsonLines(
      @Parameter(description = "Entries received at or after (RFC 3339)") @QueryParam("from")
          OffsetDateTime from,
      @Parameter(description = "Entries received before (RFC 3339)") @QueryParam("to")
          OffsetDateTime to,
      @Parameter(description = "Only actions with this prefix") @QueryParam("action") String action,
      @Parameter(description = "Only this actor id") @QueryParam("actor") String actor) {
    recordRead("jsonl", from, to, action, actor);
    return attachment(jsonLines(from, to, action, actor, selection(action, actor)), "jsonl");
  }

  @GET
  @Blocking
  @Path("csv")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Produces(CSV)
  @Operation(summary = "Export audit entries as CSV for people (no integrity proof)")
  public Response exportCsv(
      @QueryParam("from") OffsetDateTime from,
      @QueryParam("to") OffsetDateTime to,
      @QueryParam("action") String action,
      @QueryParam("actor") String actor) {
    recordRead("csv", from, to, action, actor);
    return attachment(csv(from, to, selection(action, actor)), "csv");
  }

  private void recordRead(
      String format, OffsetDateTime from, OffsetDateTime to, String action, String actor) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("format", format);
    details.put("from", from == null ? null : from.toString());
    details.put("to", to == null ? null : to.toString());
    details.put("action", action);
    details.put("actor", actor);
    try {
      VertxContextSupport.subscribeAndAwait(() -> reads.record("audit.log.exported", details));
    } catch (Throwable e) {
      throw new IllegalStateException("could not record the export in the audit log", e);
    }
  }

  private static Predicate<ChainEntry> selection(String action, String actor) {
    return e ->
        (action == null || e.action().startsWith(action))
            && (actor == null || actor.equals(e.actorId()));
  }

  /**
   * Streams the lines on a worker thread as the pages arrive (a Multi of strings returned directly
   * would be framed as a JSON array because of the media type).
   */
  private static Response attachment(Multi<String> lines, String extension) {
    StreamingOutput body =
        output -> {
          for (String line :
              lines
                  .subscribe()
                  .asIterable(16, () -> new java.util.concurrent.ArrayBlockingQueue<>(16))) {
            output.write(line.getBytes(StandardCharsets.UTF_8));
          }
          output.flush();
        };
    return Response.ok(body)
        .header(
            "Content-Disposition", "attachment; filename=\"vigil-audit-export." + extension + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  private Multi<String> jsonLines(
      OffsetDateTime from,
      OffsetDateTime to,
      String action,
      String actor,
      Predicate<ChainEntry> selected) {
    ObjectNode filter = JsonNodeFactory.instance.objectNode();
    if (from != null) filter.put("from", from.toString());
    if (to != null) filter.put("to", to.toString());
    if (action != null) filter.put("action", action);
    if (actor != null) filter.put("actor", actor);
    boolean complete = from == null && to == null;
    return Uni.combine()
        .all()
        .unis(reader.signingKeys(), reader.checkpoints())
        .asTuple()
        .onItem()
        .transformToMulti(
            keysAndCheckpoints ->
                Multi.createBy()
                    .concatenating()
                    .streams(
                        Multi.createFrom()
                            .item(
                                ExportLines.header(
                                    CanonicalForm.timestamp(OffsetDateTime.now(ZoneOffset.UTC)),
                                    keysAndCheckpoints.getItem1(),
                                    complete,
                                    filter)),
                        Multi.createFrom()
                            .iterable(keysAndCheckpoints.getItem2())
                            .map(ExportLines::checkpoint),
                        reader
                            .entries(from, to)
                            .map(
                                e ->
                                    selected.test(e)
                                        ? ExportLines.entry(e)
                                        : ExportLines.link(
                                            e.chain(), e.seq(), e.prevHash(), e.hash()))))
        .map(line -> line + "\n");
  }

  /** The authenticated HTTP submitter as one cell: oid, client app and tenant. */
  private static String submitter(String source) {
    Submitter submitter = Submitter.fromSource(source);
    return submitter == null
        ? null
        : "oid=" + submitter.oid() + ";azp=" + submitter.azp() + ";tid=" + submitter.tid();
  }

  private Multi<String> csv(
      OffsetDateTime from, OffsetDateTime to, Predicate<ChainEntry> selected) {
    String header =
        "occurred_at,event_id,actor_id,actor_type,actor_display_name,action,target_type,target_id,outcome,"
            + "source_address,organization,correlation_id,submitted_by,chain,seq,hash";
    return Multi.createBy()
        .concatenating()
        .streams(
            Multi.createFrom().item(header),
            reader
                .entries(from, to)
                .select()
                .where(selected)
                .map(
                    e ->
                        String.join(
                            ",",
                            CsvCell.of(e.occurredAt()),
                            CsvCell.of(e.eventId()),
                            CsvCell.of(e.actorId()),
                            CsvCell.of(e.actorType()),
                            CsvCell.of(e.actorDisplayName()),
                            CsvCell.of(e.action()),
                            CsvCell.of(e.targetType()),
                            CsvCell.of(e.targetId()),
                            CsvCell.of(e.outcome()),
                            CsvCell.of(e.sourceAddress()),
                            CsvCell.of(e.organization()),
                            CsvCell.of(e.correlationId()),
                            CsvCell.of(submitter(e.source())),
                            CsvCell.of(e.chain()),
                            Long.toString(e.seq()),
                            CsvCell.of(e.hash()))))
        .map(line -> line + "\n");
  }
}
