package dev.vigil.backups.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The JSON column of a target's validation checks. */
public final class TargetJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<ValidationCheck>> CHECKS = new TypeReference<>() {};

  private TargetJson() {}

  public static List<ValidationCheck> checks(String json) {
    try {
      return json == null ? List.of() : JSON.readValue(json, CHECKS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored checks are not JSON", e);
    }
  }

  static String write(List<ValidationCheck> checks) {
    try {
      return JSON.writeValueAsString(checks == null ? List.of() : checks);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
