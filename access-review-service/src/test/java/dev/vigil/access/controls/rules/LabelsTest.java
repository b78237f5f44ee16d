package dev.vigil.access.controls.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelsTest {

  @Test
  void shouldCountEveryLabelButKeepABoundedNumber() {
    Labels labels = new Labels();
    for (int i = 0; i < Labels.KEPT + 50; i++) {
      labels.add("acct-" + i);
    }

    assertThat(labels.count()).isEqualTo(Labels.KEPT + 50);
    assertThat(labels.kept()).hasSize(Labels.KEPT).startsWith("acct-0", "acct-1");
    assertThat(labels.names())
        .isEqualTo("acct-0, acct-1, acct-2, acct-3, acct-4 and " + (Labels.KEPT + 45) + " more");
  }

  @Test
  void shouldNameAFewLabelsInFull() {
    Labels labels = new Labels();
    labels.add("ada");
    labels.add("bob");

    assertThat(labels.isEmpty()).isFalse();
    assertThat(labels.names()).isEqualTo("ada, bob");
  }
}
