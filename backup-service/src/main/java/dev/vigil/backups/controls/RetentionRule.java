package dev.vigil.backups.controls;

import dev.vigil.backups.retention.Gfs;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BKV-02: the kept verified backups satisfy each target's GFS policy: every period of its horizon
 * since the first backup holds one, and at least the minimum count is kept (fewer only warns while
 * the history is younger than the minimum needs).
 */
public final class RetentionRule implements BackupRule {

  static final String CONTROL = "BKV-02";

  @Override
  public String control() {
    return CONTROL;
  }

  @Override
  public RuleOutcome check(CatalogueSnapshot snapshot, OffsetDateTime now) {
    RuleOutcome.Builder result = new RuleOutcome.Builder(CONTROL);
    for (CatalogueSnapshot.TargetState target : snapshot.targets()) {
      List<CatalogueSnapshot.BackupState> verified = target.verified();
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("policy", target.retention().describe());
      facts.put("kept", verified.size());
      result.checked(target.name(), facts);
      if (verified.isEmpty()) {
        result.warn(target.name() + " keeps no verified backup yet.");
        continue;
      }
      OffsetDateTime first =
          verified.stream()
              .map(CatalogueSnapshot.BackupState::snapshotAt)
              .min(Comparator.naturalOrder())
              .orElseThrow();
      List<Gfs.Candidate> kept =
          verified.stream().map(b -> new Gfs.Candidate(b.id(), b.snapshotAt(), b.held())).toList();
      List<String> gaps = Gfs.gaps(kept, target.retention(), now, first);
      facts.put("gaps", gaps);
      if (!gaps.isEmpty()) {
        result.fail(
            target.name()
                + " lacks backups its retention policy requires: "
                + String.join(", ", gaps.subList(0, Math.min(gaps.size(), 10)))
                + (gaps.size() > 10 ? " and " + (gaps.size() - 10) + " more" : "")
                + ".");
      } else if (verified.size() < target.retention().minimum()) {
        result.warn(
            target.name()
                + " keeps "
                + verified.size()
                + " of the minimum "
                + target.retention().minimum()
                + " backups; its history is still building up.");
      }
    }
    return result.build("The kept backups satisfy every target's retention policy");
  }
}
