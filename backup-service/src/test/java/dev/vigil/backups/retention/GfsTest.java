package dev.vigil.backups.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.backups.targets.RetentionPolicy;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GfsTest {

  private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-12-03T12:30:00Z");

  /** One backup an hour for {@code hours} hours before now, newest first. */
  private static List<Gfs.Candidate> hourly(int hours) {
    List<Gfs.Candidate> backups = new ArrayList<>();
    for (int i = 0; i < hours; i++) {
      backups.add(new Gfs.Candidate(UUID.randomUUID(), NOW.minusHours(i).withMinute(5), false));
    }
    return backups;
  }

  @Test
  void shouldKeepTheNewestOfEachPeriodAndLetTheRestGo() {
    List<Gfs.Candidate> backups = hourly(72);

    Gfs.Selection selection = Gfs.select(backups, new RetentionPolicy(6, 3, 0, 0, 0, 0));

    // 6 hourly (the newest six hours) plus the newest of 2 earlier days.
    assertThat(selection.keep()).hasSize(8);
    assertThat(selection.delete()).hasSize(64);
    assertThat(selection.keep().get(backups.get(0).id())).contains("newest");
    assertThat(selection.keep())
        .containsKey(backups.get(5).id())
        .doesNotContainKey(backups.get(6).id());
  }

  @Test
  void shouldNeverDeleteTheNewestVerifiedBackupEvenUnderAMinimalPolicy() {
    List<Gfs.Candidate> backups = hourly(3);

    Gfs.Selection selection = Gfs.select(backups, new RetentionPolicy(0, 0, 0, 0, 0, 0));

    assertThat(selection.keep()).containsOnlyKeys(backups.get(0).id());
  }

  @Test
  void shouldKeepHeldBackupsWhateverTheirAge() {
    List<Gfs.Candidate> backups = new ArrayList<>(hourly(5));
    Gfs.Candidate old = backups.get(4);
    backups.set(4, new Gfs.Candidate(old.id(), old.snapshotAt(), true));

    Gfs.Selection selection = Gfs.select(backups, new RetentionPolicy(1, 0, 0, 0, 0, 0));

    assertThat(selection.keep()).containsOnlyKeys(backups.get(0).id(), old.id());
    assertThat(selection.keep().get(old.id())).contains("held");
  }

  @Test
  void shouldKeepTheMinimumCountEvenWhenThePeriodsWouldKeepFewer() {
    List<Gfs.Candidate> backups = hourly(10);

    Gfs.Selection selection = Gfs.select(backups, new RetentionPolicy(0, 1, 0, 0, 0, 4));

    assertThat(selection.keep()).hasSize(4);
  }

  @Test
  void shouldFindTheHoursWithoutABackupButNotBeforeTheFirstOne() {
    List<Gfs.Candidate> backups = new ArrayList<>(hourly(6));
    backups.remove(2); // the hour two hours ago has no backup
    RetentionPolicy policy = new RetentionPolicy(24, 0, 0, 0, 0, 0);

    List<String> gaps =
        Gfs.gaps(backups, policy, NOW, backups.get(backups.size() - 1).snapshotAt());

    assertThat(gaps).containsExactly("hourly 2026-12-03T10:00Z");
  }
}
