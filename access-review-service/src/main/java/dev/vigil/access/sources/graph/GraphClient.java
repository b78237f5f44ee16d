package dev.vigil.access.sources.graph;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.vigil.access.AccessConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A blocking Microsoft Graph v1.0 client for one sync: client-credentials token from the configured
 * endpoint with the configured {@link GraphCredential}, {@code @odata.nextLink} paging, and 429/503
 * retried after {@code Retry-After}. Call it on a worker thread. The token, the client secret, the
 * private key and the client assertion are never logged.
 */
final class GraphClient {

  private static final Logger LOG = Logger.getLogger(GraphClient.class);

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final AccessConfig.Graph config;
  private final Function<String, String> environment;
  private final HttpClient http;
  private GraphCredential credential;
  private String token;
  private Instant tokenExpiry = Instant.EPOCH;

  GraphClient(AccessConfig.Graph config) {
    this(config, System::getenv);
  }

  /**
   * @param environment where unset settings fall back to the Azure workload identity variables
   */
  GraphClient(AccessConfig.Graph config, Function<String, String> environment) {
    this.config = config;
    this.environment = environment;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Every item of a collection, page after page. */
  <T> void forEach(String path, Class<T> itemType, Consumer<T> item) {
    forEachPage(path, itemType, page -> page.forEach(item));
  }

  /**
   * Every page of a collection, handed over one at a time so no more than a page is held; returns
   * the {@code @odata.deltaLink} of a delta round, or null.
   */
  <T> String forEachPage(String path, Class<T> itemType, Consumer<List<T>> page) {
    return pages(url(path), path, itemType, page);
  }

  /**
   * Like {@link #forEachPage} from a link Graph gave earlier (a stored delta link), which must be
   * on the Graph base URL.
   */
  <T> String forEachPageFrom(String link, Class<T> itemType, Consumer<List<T>> page) {
    String path = URI.create(link).getPath();
    if (!sameOrigin(link)) {
      throw new GraphException(path + ": stored link leaves the Graph base URL", 0);
    }
    return pages(link, path, itemType, page);
  }

  private <T> String pages(String first, String path, Class<T> itemType, Consumer<List<T>> page) {
    JavaType pageType =
        JSON.getTypeFactory().constructParametricType(GraphModels.Page.class, itemType);
    String next = first;
    while (true) {
      GraphModels.Page<T> read = read(get(next), pageType, path);
      if (read.value() != null && !read.value().isEmpty()) {
        page.accept(read.value());
      }
      next = read.nextLink();
      if (next == null) {
        return read.deltaLink();
      }
      if (!sameOrigin(next)) {
        // A nextLink elsewhere would receive the bearer token.
        throw new GraphException(path + ": @odata.nextLink leaves the Graph base URL", 0);
      }
    }
  }

  private boolean sameOrigin(String link) {
    URI base = URI.create(config.baseUrl());
    URI next = URI.create(link);
    return base.getScheme().equalsIgnoreCase(next.getScheme())
        && base.getHost().equalsIgnoreCase(next.getHost())
        && base.getPort() == next.getPort();
  }

  /** The first page of a collection only (a {@code $top} query for the newest items). */
  <T> List<T> firstPage(String path, Class<T> itemType) {
    JavaType pageType =
        JSON.getTypeFactory().constructParametricType(GraphModels.Page.class, itemType);
    GraphModels.Page<T> page = read(get(url(path)), pageType, URI.create(url(path)).getPath());
    return page.value() == null ? List.of() : page.value();
  }

  /** One resource. */
  <T> T getOne(String path, Class<T> type) {
    return read(get(url(path)), JSON.getTypeFactory().constructType(type), path);
  }

  private String url(String path) {
    return config.baseUrl() + "/v1.0" + path;
  }

  private String get(String url) {
    return call("GET", url, null);
  }

  /** A write (POST, PATCH, DELETE) on a Graph v1.0 path; the response body, if any. */
  String write(String method, String path, String json) {
    return call(method, url(path), json);
  }

  private String call(String method, String url, String json) {
    String path = URI.create(url).getPath();
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(config.requestTimeout())
              .header("Authorization", "Bearer " + token())
              .header("Accept", "application/json");
      if (json != null) {
        builder.header("Content-Type", "application/json");
      }
      HttpRequest request =
          builder
              .method(
                  method,
                  json == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(json))
              .build();
      HttpResponse<String> response = send(request, path);
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return response.body();
      }
      if ((status == 429 || status == 503) && attempt < config.maxRetries()) {
        Duration wait = retryAfter(response, attempt);
        LOG.infof("Graph answered %d on %s; retrying in %d ms", status, path, wait.toMillis());
        sleep(wait);
        continue;
      }
      if (status == 401) {
        tokenExpiry = Instant.EPOCH;
      }
      throw new GraphException(path + ": Graph answered " + status, status);
    }
  }

  private Duration retryAfter(HttpResponse<String> response, int attempt) {
    Duration wait =
        response
            .headers()
            .firstValue("Retry-After")
            .map(GraphClient::seconds)
            .orElse(Duration.ofSeconds(1L << Math.min(attempt, 5)));
    if (wait.compareTo(config.maxRetryAfter()) > 0) {
      throw new GraphException(
          "Graph asked to wait "
              + wait.toSeconds()
              + " s, more than vigil.access.graph.max-retry-after",
          response.statusCode());
    }
    return wait;
  }

  private static Duration seconds(String value) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(5);
    }
  }

  private String token() {
    if (token != null && Instant.now().isBefore(tokenExpiry)) {
      return token;
    }
    if (credential == null) {
      credential = GraphCredential.of(config, environment);
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("grant_type", "client_credentials");
    fields.put("scope", config.baseUrl() + "/.default");
    fields.putAll(credential.clientFields());
    String form =
        fields.entrySet().stream()
            .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(credential.tokenEndpoint()))
            .timeout(config.requestTimeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> response = send(request, "token endpoint");
    if (response.statusCode() != 200) {
      throw new GraphException(
          "the token endpoint answered " + response.statusCode(), response.statusCode());
    }
    GraphModels.Token parsed =
        read(
            response.body(), JSON.getTypeFactory().constructType(GraphModels.Token.class), "token");
    if (parsed.accessToken() == null) {
      throw new GraphException("the token endpoint returned no access_token", 0);
    }
    token = parsed.accessToken();
    long lifetime = parsed.expiresIn() == null ? 300 : parsed.expiresIn();
    tokenExpiry = Instant.now().plusSeconds(Math.max(0, lifetime - 60));
    return token;
  }

  private HttpResponse<String> send(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new GraphException(what + ": " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphException(what + ": interrupted", e);
    }
  }

  private static <T> T read(String body, JavaType type, String path) {
    try {
      return JSON.readValue(body, type);
    } catch (IOException e) {
      throw new GraphException(path + ": unexpected response shape", e);
    }
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphException("interrupted while waiting to retry", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
