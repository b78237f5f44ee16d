package dev.vigil.gateway.posture.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/8",
        "10.1.2.0/24",
        "10.1.2.3",
        "172.16.0.0/12",
        "172.31.255.0/24",
        "192.168.0.0/16",
        "100.64.0.0/10",
        "fc00::/7",
        "fd12:3456::/48",
        " 192.168.1.0/24 "
      })
  void shouldAcceptPrivateRanges(String range) {
    assertThat(IpRanges.isPrivate(range)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0.0.0.0/0",
        "::/0",
        "10.0.0.0/7",
        "172.32.0.0/16",
        "192.169.0.0/16",
        "100.128.0.0/10",
        "203.0.113.0/24",
        "2001:db8::/32",
        "10.0.0.0/33",
        "10.0.0.256/32",
        "internal",
        "example.com",
        ""
      })
  void shouldRejectPublicOrUnreadableRanges(String range) {
    assertThat(IpRanges.isPrivate(range)).isFalse();
  }
}
