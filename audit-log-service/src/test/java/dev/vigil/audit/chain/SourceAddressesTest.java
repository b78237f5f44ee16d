package dev.vigil.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceAddressesTest {

  @Test
  void shouldReadIpLiteralsInCanonicalForm() {
    assertThat(SourceAddresses.inet("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(SourceAddresses.inet("010.001.002.003")).isEqualTo("10.1.2.3");
    assertThat(SourceAddresses.inet("2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(SourceAddresses.inet("::ffff:203.0.113.7")).isEqualTo("::ffff:203.0.113.7");
  }

  @Test
  void shouldLeaveAnythingElseAsText() {
    assertThat(SourceAddresses.inet("256.1.1.1")).isNull();
    assertThat(SourceAddresses.inet("portal.example.com")).isNull();
    assertThat(SourceAddresses.inet("10.0.0.0/8")).isNull();
    assertThat(SourceAddresses.inet("203.0.113.7, 10.0.0.1")).isNull();
    assertThat(SourceAddresses.inet("2001:db8::zz")).isNull();
    assertThat(SourceAddresses.inet(".:")).isNull();
    assertThat(SourceAddresses.inet("1.2.3")).isNull();
    assertThat(SourceAddresses.inet(null)).isNull();
  }
}
