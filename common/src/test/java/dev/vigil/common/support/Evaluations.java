package dev.vigil.common.support;

import dev.vigil.common.compliance.ControlEvaluation;
import dev.vigil.common.compliance.ControlStatus;
import dev.vigil.common.compliance.Evidence;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

public final class Evaluations {

  private Evaluations() {}

  public static ControlEvaluation of(String controlId, ControlStatus status) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return new ControlEvaluation(
        controlId,
        status,
        now,
        now.plusHours(1),
        "common-test",
        new Evidence("checked by a test", Map.of("attempt", 1), List.of("test://" + controlId)));
  }
}
