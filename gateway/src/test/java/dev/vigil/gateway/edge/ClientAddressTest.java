package dev.vigil.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  private static final TrustedProxies INGRESS = TrustedProxies.of(List.of("10.42.0.0/16", "::1"));

  @Test
  void shouldIgnoreForwardedForFromAPeerThatIsNoTrustedProxy() {
    assertThat(ClientAddress.of(ip("203.0.113.5"), List.of("198.51.100.1"), INGRESS))
        .isEqualTo("203.0.113.5");
  }

  @Test
  void shouldTakeTheRightMostAddressNoTrustedProxyWrote() {
    assertThat(
            ClientAddress.of(
                ip("10.42.0.7"), List.of("198.51.100.1, 203.0.113.9, 10.42.3.3"), INGRESS))
        .isEqualTo("203.0.113.9");
    assertThat(ClientAddress.of(ip("10.42.0.7"), List.of("198.51.100.1", "203.0.113.9"), INGRESS))
        .as("several headers are one list")
        .isEqualTo("203.0.113.9");
  }

  @Test
  void shouldStopAtAnEntryNoProxyWouldWrite() {
    assertThat(ClientAddress.of(ip("10.42.0.7"), List.of("evil.example.com"), INGRESS))
        .isEqualTo("10.42.0.7");
    assertThat(
            ClientAddress.of(
                ip("10.42.0.7"), List.of("203.0.113.9, localhost, 10.42.1.1"), INGRESS))
        .isEqualTo("10.42.1.1");
  }

  @Test
  void shouldTakeThePeerWhenNothingIsForwarded() {
    assertThat(ClientAddress.of(ip("10.42.0.7"), List.of(), INGRESS)).isEqualTo("10.42.0.7");
    assertThat(ClientAddress.of(ip("10.42.0.7"), List.of("10.42.1.1"), INGRESS))
        .isEqualTo("10.42.1.1");
  }

  @Test
  void shouldReadIpv6AndAddressesWithPorts() {
    assertThat(ClientAddress.of(ip("::1"), List.of("[2001:db8::7]:4711"), INGRESS))
        .isEqualTo("2001:db8:0:0:0:0:0:7");
    assertThat(ClientAddress.of(ip("::1"), List.of("203.0.113.9:4711"), INGRESS))
        .isEqualTo("203.0.113.9");
  }

  @Test
  void shouldTrustNoForwardedForWithoutConfiguredProxies() {
    assertThat(
            ClientAddress.of(
                ip("127.0.0.1"), List.of("198.51.100.1"), TrustedProxies.of(List.of())))
        .isEqualTo("127.0.0.1");
  }

  @Test
  void shouldRefuseAConfiguredProxyThatIsNoAddress() {
    assertThatThrownBy(() -> TrustedProxies.of(List.of("ingress.example.com")))
        .hasMessageContaining("ingress.example.com");
    assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static InetAddress ip(String literal) {
    return TrustedProxies.literal(literal);
  }
}
