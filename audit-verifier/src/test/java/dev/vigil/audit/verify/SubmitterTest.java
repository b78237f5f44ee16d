package dev.vigil.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubmitterTest {

  @Test
  void shouldReadBackTheSubmitterItsSourceRecords() {
    Submitter submitter =
        new Submitter("3f2a9c1e-0000-4000-8000-000000000001", "platform&api=x", "tenant-1");
    assertThat(Submitter.fromSource(submitter.source())).isEqualTo(submitter);
  }

  @Test
  void shouldKeepAMissingClaimMissing() {
    assertThat(Submitter.fromSource(new Submitter(null, "app", null).source()))
        .isEqualTo(new Submitter(null, "app", null));
  }

  @Test
  void shouldNameNoSubmitterForEventsThatDidNotComeOverHttp() {
    assertThat(Submitter.fromSource("/vigil/gateway")).isNull();
    assertThat(Submitter.fromSource("/vigil/audit-log-service/httpx?oid=a")).isNull();
    assertThat(Submitter.fromSource(null)).isNull();
  }
}
