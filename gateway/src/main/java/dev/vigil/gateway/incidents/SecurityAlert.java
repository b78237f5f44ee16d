package dev.vigil.gateway.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of {@code dev.vigil.security.alert-raised.v1} an incident records. The inbox has
 * validated the data against the published schema, so every required field is present.
 */
record SecurityAlert(
    String alertId,
    String rule,
    Incident.Severity severity,
    String subject,
    String raisedAt,
    String control,
    long windowSeconds,
    long count,
    long threshold,
    List<String> triggeringEventIds) {

  static final String TYPE = "dev.vigil.security.alert-raised.v1";

  static SecurityAlert of(JsonNode data) {
    JsonNode window = data.get("window");
    List<String> triggering = new ArrayList<>();
    data.get("triggeringEventIds").forEach(id -> triggering.add(id.asText()));
    return new SecurityAlert(
        data.get("alertId").asText(),
        data.get("rule").asText(),
        Incident.Severity.valueOf(data.get("severity").asText()),
        data.get("subject").asText(),
        data.get("raisedAt").asText(),
        data.get("control").asText(),
        window.get("seconds").asLong(),
        window.get("count").asLong(),
        window.get("threshold").asLong(),
        List.copyOf(triggering));
  }

  /** e.g. {@code brute-force (MON-02): 12 events against a threshold of 10 in 300 s}. */
  String describe() {
    String within = windowSeconds > 0 ? " in " + windowSeconds + " s" : " in a row";
    return rule
        + " ("
        + control
        + "): "
        + count
        + " events against a threshold of "
        + threshold
        + within
        + ", raised "
        + raisedAt;
  }
}
