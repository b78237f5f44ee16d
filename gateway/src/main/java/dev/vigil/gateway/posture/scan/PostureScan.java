package dev.vigil.gateway.posture.scan;

import dev.vigil.gateway.posture.RuleResult;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One run of the posture rules over a set of namespaces.
 *
 * @param trigger {@code scheduled}, {@code on-demand} or {@code re-evaluation}
 * @param reported whether its results went to the checklist (only scans of the configured
 *     namespaces do; a scan of other namespaces is a preview)
 * @param objects how many Kubernetes objects were read
 * @param results one per control, NET-02 included
 * @param probeFacts what the NET-02 probe saw (URLs, statuses, the HSTS header)
 */
public record PostureScan(
    UUID id,
    String trigger,
    List<String> namespaces,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    boolean reported,
    int objects,
    List<RuleResult> results,
    Map<String, Object> probeFacts) {}
