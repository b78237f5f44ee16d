package dev.vigil.backups.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestComparisonTest {

  private static Manifest manifest(List<Manifest.TableCount> tables, long indexes) {
    return new Manifest(
        150020,
        "15.20",
        OffsetDateTime.parse("2026-12-03T10:00:00Z"),
        tables,
        Map.of("indexes", indexes));
  }

  private static Manifest.TableCount exact(String name, long rows) {
    return new Manifest.TableCount("public", name, rows, true);
  }

  @Test
  void shouldFindNothingWhenEveryTableAndObjectCountMatches() {
    Manifest backup = manifest(List.of(exact("accounts", 500), exact("orders", 3000)), 4);

    assertThat(ManifestComparison.differences(backup, backup)).isEmpty();
  }

  @Test
  void shouldNameEachTableThatLostRowsOrWentMissing() {
    Manifest backup = manifest(List.of(exact("accounts", 500), exact("orders", 3000)), 4);
    Manifest restored = manifest(List.of(exact("accounts", 499), exact("extra", 1)), 3);

    assertThat(ManifestComparison.differences(backup, restored))
        .containsExactly(
            "table public.accounts: 500 rows in the backup's manifest, 499 restored",
            "table public.orders is missing from the restore",
            "table public.extra is in the restore but not the backup",
            "indexes: 4 in the backup's manifest, 3 restored");
  }

  @Test
  void shouldAcceptAnEstimateWithinItsToleranceOnly() {
    Manifest backup =
        manifest(List.of(new Manifest.TableCount("public", "events", 1_000_000, false)), 1);

    assertThat(
            ManifestComparison.differences(
                backup, manifest(List.of(exact("events", 1_050_000)), 1)))
        .isEmpty();
    assertThat(
            ManifestComparison.differences(backup, manifest(List.of(exact("events", 800_000)), 1)))
        .singleElement()
        .asString()
        .contains("public.events", "(estimated)");
  }
}
