package dev.vigil.keys.leaks;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.common.security.Caller;
import dev.vigil.common.security.Roles;
import dev.vigil.keys.KeysConfig;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Repositories scanned for leaked keys and secret files, and what the scans found. */
@Path("/api/v1/keys/leak-scan")
@Tag(name = "Leak scanning")
public class LeakScanResource {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
  private static final Pattern SCP_LIKE = Pattern.compile("[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\\s]+");

  public record NewRepository(String name, String url) {}

  public record Resolution(String note) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RepositoryView(
      String name,
      String url,
      OffsetDateTime scanRequestedAt,
      OffsetDateTime lastScanAt,
      Integer lastScanCommits,
      Long lastScanMillis,
      String lastScanError) {
    static RepositoryView of(LeakRepository r) {
      return new RepositoryView(
          r.name,
          r.url,
          r.scanRequestedAt,
          r.lastScanAt,
          r.lastScanCommits,
          r.lastScanMillis,
          r.lastScanError);
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FindingView(
      long id,
      String repository,
      String kind,
      String control,
      String commit,
      String path,
      int line,
      String environment,
      String slot,
      Integer version,
      OffsetDateTime firstSeenAt,
      OffsetDateTime lastSeenAt,
      OffsetDateTime resolvedAt,
      String resolvedBy,
      String resolutionNote) {}

  private final KeysConfig config;
  private final LeakControls controls;
  private final SecurityIdentity identity;

  LeakScanResource(KeysConfig config, LeakControls controls, SecurityIdentity identity) {
    this.config = config;
    this.controls = controls;
    this.identity = identity;
  }

  @POST
  @Path("/repositories")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Register a git repository; it is scanned at once and then on schedule",
      description =
          "https://, ssh:// or user@host:path URLs without credentials in them. Every commit of"
              + " every branch and tag is scanned.")
  public Uni<Response> register(NewRepository request) {
    if (request == null || request.name() == null || !NAME.matcher(request.name()).matches()) {
      throw new BadRequestException("name must be 1-128 lower-case letters, digits, . _ or -");
    }
    checkUrl(request.url());
    return LeakRepository.<LeakRepository>find("name", request.name())
        .firstResult()
        .chain(
            existing -> {
              if (existing != null) {
                throw new ClientErrorException(
                    "repository " + request.name() + " exists", Response.Status.CONFLICT);
              }
              LeakRepository repository = new LeakRepository();
              repository.name = request.name();
              repository.url = request.url();
              repository.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
              return LeakScans.request(repository);
            })
        .call(controls::evaluate)
        .map(r -> Response.status(Response.Status.CREATED).entity(RepositoryView.of(r)).build());
  }

  @GET
  @Path("/repositories")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "Registered repositories with their last scan")
  public Uni<List<RepositoryView>> repositories() {
    return LeakRepository.<LeakRepository>list("order by name")
        .map(list -> list.stream().map(RepositoryView::of).toList());
  }

  @POST
  @Path("/repositories/{name}/scan")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(summary = "Scan now (at the scanner's next round)")
  public Uni<Response> scan(@PathParam("name") String name) {
    return repository(name)
        .chain(LeakScans::request)
        .map(r -> Response.accepted(RepositoryView.of(r)).build());
  }

  @GET
  @Path("/findings")
  @WithSession
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(summary = "Findings, open ones unless resolved=true, 500 per page")
  public Uni<List<FindingView>> findings(
      @QueryParam("repository") String repository, @QueryParam("resolved") boolean resolved) {
    String open = resolved ? "resolvedAt is not null" : "resolvedAt is null";
    return LeakRepository.<LeakRepository>listAll()
        .chain(
            repositories -> {
              Map<Long, String> names =
                  repositories.stream().collect(Collectors.toMap(r -> r.id, r -> r.name));
              Long only =
                  repository == null
                      ? null
                      : repositories.stream()
                          .filter(r -> r.name.equals(repository))
                          .map(r -> r.id)
                          .findFirst()
                          .orElse(-1L);
              return (only == null
                      ? LeakFinding.<LeakFinding>find(open + " order by id")
                      : LeakFinding.<LeakFinding>find(
                          "repositoryId = ?1 and " + open + " order by id", only))
                  .page(0, 500)
                  .list()
                  .map(
                      findings ->
                          findings.stream().map(f -> view(f, names.get(f.repositoryId))).toList());
            });
  }

  @POST
  @Path("/findings/{id}/resolve")
  @WithTransaction
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Resolve a finding with a note",
      description = "E.g. the key was rotated and the history rewritten. It stays resolved.")
  public Uni<FindingView> resolve(@PathParam("id") long id, Resolution resolution) {
    if (resolution == null || resolution.note() == null || resolution.note().isBlank()) {
      throw new BadRequestException("a note saying how the finding was resolved is required");
    }
    if (resolution.note().length() > 2000) {
      throw new BadRequestException("note is limited to 2000 characters");
    }
    return LeakFinding.<LeakFinding>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no finding " + id))
        .chain(
            finding -> {
              finding.resolvedAt = OffsetDateTime.now(ZoneOffset.UTC);
              finding.resolvedBy = Caller.of(identity).id();
              finding.resolutionNote = resolution.note();
              return finding.<LeakFinding>persist();
            })
        .call(controls::evaluate)
        .chain(
            finding ->
                LeakRepository.<LeakRepository>findById(finding.repositoryId)
                    .map(r -> view(finding, r.name)));
  }

  /**
   * https://host/path, ssh://[user@]host/path or user@host:path. No credentials and no query in the
   * URL (they would be stored and shown to auditors); no host resolving to the service's own
   * networks (see {@link RepositoryAddresses}) unless vigil.keys.leak-scan.allowed-networks names
   * them.
   */
  private void checkUrl(String url) {
    if (url == null || url.isBlank() || url.length() > 2048) {
      throw new BadRequestException("url is required, at most 2048 characters");
    }
    if (SCP_LIKE.matcher(url).matches()) {
      checkHost(url.substring(url.indexOf('@') + 1, url.indexOf(':')));
      return;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("url is not a valid URI");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    boolean local = scheme.equals("file") || (scheme.isEmpty() && url.startsWith("/"));
    if (local) {
      if (!config.leakScan().allowLocalRepositories()) {
        throw new BadRequestException(
            "local repositories are disabled (vigil.keys.leak-scan.allow-local-repositories)");
      }
      return;
    }
    if (!scheme.equals("https") && !scheme.equals("ssh")) {
      throw new BadRequestException("url must be https://, ssh:// or user@host:path");
    }
    if (uri.getRawUserInfo() != null
        && (scheme.equals("https") || uri.getRawUserInfo().contains(":"))) {
      throw new BadRequestException("url must not carry credentials");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new BadRequestException("url must not have a query or fragment");
    }
    if (uri.getHost() == null) {
      throw new BadRequestException("url has no host");
    }
    checkHost(uri.getHost());
  }

  private void checkHost(String host) {
    try {
      new RepositoryAddresses(config.leakScan().allowedNetworks().orElse(List.of())).check(host);
    } catch (RepositoryAddresses.RefusedAddressException e) {
      throw new BadRequestException(e.getMessage());
    } catch (UnknownHostException e) {
      // Unresolvable now: every scan resolves and checks it again before connecting.
    }
  }

  private static Uni<LeakRepository> repository(String name) {
    return LeakRepository.<LeakRepository>find("name", name)
        .firstResult()
        .onItem()
        .ifNull()
        .failWith(() -> new NotFoundException("no repository " + name));
  }

  private static FindingView view(LeakFinding f, String repository) {
    return new FindingView(
        f.id,
        repository,
        f.kind,
        f.control(),
        f.commitId,
        f.path,
        f.line,
        f.environment,
        f.slot,
        f.version,
        f.firstSeenAt,
        f.lastSeenAt,
        f.resolvedAt,
        f.resolvedBy,
        f.resolutionNote);
  }
}
