package dev.vigil.gateway.posture.scan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.security.Roles;
import dev.vigil.gateway.posture.RuleResult;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cluster posture scans: run one now, list recent ones, read one with every finding. */
@Path("/api/v1/posture/scans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Posture")
public class PostureResource {

  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param namespaces optional; other namespaces than the configured ones give a preview that does
   *     not change the checklist
   */
  public record ScanRequest(List<String> namespaces) {}

  /** A scan as the API shows it; {@code results} is absent in lists. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ScanView(
      UUID id,
      String trigger,
      List<String> namespaces,
      OffsetDateTime startedAt,
      OffsetDateTime finishedAt,
      boolean reported,
      int objects,
      Map<String, ControlStatus> statuses,
      List<RuleResult> results) {}

  private final PostureScanner scanner;
  private final PostureConfig config;

  PostureResource(PostureScanner scanner, PostureConfig config) {
    this.scanner = scanner;
    this.config = config;
  }

  @POST
  @Blocking
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Scan the cluster's posture now",
      description =
          "Scans the configured namespaces and updates the checklist, or previews the namespaces"
              + " given without changing it.")
  public Response scan(ScanRequest request) {
    List<String> namespaces =
        request == null || request.namespaces() == null || request.namespaces().isEmpty()
            ? config.namespaces()
            : checked(request.namespaces());
    PostureScan scan = scanner.scanAndStore("on-demand", namespaces);
    return Response.status(Response.Status.CREATED).entity(view(scan, true)).build();
  }

  @GET
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "The 20 most recent scans, newest first, with the status per control")
  public Uni<List<ScanView>> recent() {
    return PostureScanRecord.<PostureScanRecord>findAll(Sort.descending("startedAt"))
        .page(Page.ofSize(20))
        .list()
        .map(records -> records.stream().map(r -> view(r, false)).toList());
  }

  @GET
  @Path("{id}")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "One scan with every finding and the exact field at fault")
  public Uni<ScanView> get(@PathParam("id") UUID id) {
    return PostureScanRecord.<PostureScanRecord>findById(id)
        .map(
            record -> {
              if (record == null) {
                throw new NotFoundException("no posture scan " + id);
              }
              return view(record, true);
            });
  }

  private static List<String> checked(List<String> namespaces) {
    if (namespaces.size() > 50) {
      throw new BadRequestException("at most 50 namespaces per scan");
    }
    for (String namespace : namespaces) {
      if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
        throw new BadRequestException("namespaces must be Kubernetes namespace names");
      }
    }
    return namespaces.stream().distinct().toList();
  }

  private static ScanView view(PostureScan scan, boolean withResults) {
    return new ScanView(
        scan.id(),
        scan.trigger(),
        scan.namespaces(),
        scan.startedAt(),
        scan.finishedAt(),
        scan.reported(),
        scan.objects(),
        statuses(scan.results()),
        withResults ? scan.results() : null);
  }

  private static ScanView view(PostureScanRecord record, boolean withResults) {
    List<RuleResult> results;
    try {
      results = JSON.readValue(record.results, new TypeReference<List<RuleResult>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("posture scan " + record.id + " cannot be read", e);
    }
    return new ScanView(
        record.id,
        record.trigger,
        Arrays.asList(record.namespaces.split(",")),
        record.startedAt,
        record.finishedAt,
        record.reported,
        record.objects,
        statuses(results),
        withResults ? results : null);
  }

  private static Map<String, ControlStatus> statuses(List<RuleResult> results) {
    Map<String, ControlStatus> statuses = new java.util.LinkedHashMap<>();
    results.forEach(r -> statuses.put(r.control(), r.status()));
    return statuses;
  }
}
