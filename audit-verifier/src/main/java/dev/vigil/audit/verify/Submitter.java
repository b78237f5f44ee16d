package dev.vigil.audit.verify;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Who submitted an entry over HTTP, as authenticated by audit-log-service (never as the event
 * claims). It is written into the entry's source, so the entry hash covers it and neither the
 * submitter nor anyone after can change it without breaking the chain.
 *
 * @param oid the Entra object id of the submitting user or service principal, or {@code null}
 * @param azp the client application, or {@code null}
 * @param tid the tenant, or {@code null}
 */
public record Submitter(String oid, String azp, String tid) {

  /** The source of entries submitted over HTTP; the query names the submitter. */
  public static final String HTTP_SOURCE = "/vigil/audit-log-service/http";

  /** The entry source that records this submitter. */
  public String source() {
    return HTTP_SOURCE + "?oid=" + encode(oid) + "&azp=" + encode(azp) + "&tid=" + encode(tid);
  }

  /** The submitter an entry's source records, or {@code null} when it did not come over HTTP. */
  public static Submitter fromSource(String source) {
    if (source == null || !source.startsWith(HTTP_SOURCE + "?")) {
      return null;
    }
    Map<String, String> values = new HashMap<>();
    for (String pair : source.substring(HTTP_SOURCE.length() + 1).split("&")) {
      int at = pair.indexOf('=');
      if (at > 0 && at < pair.length() - 1) {
        values.put(
            pair.substring(0, at),
            URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
      }
    }
    return new Submitter(values.get("oid"), values.get("azp"), values.get("tid"));
  }

  private static String encode(String value) {
    return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
