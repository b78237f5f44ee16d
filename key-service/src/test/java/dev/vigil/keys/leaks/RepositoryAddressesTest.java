package dev.vigil.keys.leaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryAddressesTest {

  private static final RepositoryAddresses DEFAULTS = new RepositoryAddresses(List.of());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "0.0.0.0",
        "0.1.2.3",
        "::",
        "169.254.169.254",
        "fe80::1",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.254",
        "192.168.1.1",
        "100.64.0.1",
        "fd00:ec2::254",
        "fc12::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "224.0.0.1"
      })
  void shouldRefuseTheServicesOwnNetworks(String address) throws Exception {
    assertThat(DEFAULTS.refusal(InetAddress.getByName(address))).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"140.82.112.3", "172.32.0.1", "100.128.0.1", "2606:50c0:8000::153"})
  void shouldAllowPublicAddresses(String address) throws Exception {
    assertThat(DEFAULTS.refusal(InetAddress.getByName(address))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.20.1.1", "fd12:3456::7"})
  void shouldAllowWhatTheAllowListNames(String address) throws Exception {
    RepositoryAddresses internal =
        new RepositoryAddresses(List.of("10.20.0.0/16", "fd12:3456::/32"));

    assertThat(internal.refusal(InetAddress.getByName(address))).isNull();
    assertThat(internal.refusal(InetAddress.getByName("10.21.0.1"))).isEqualTo("a private address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", "127.0.0.1", "169.254.169.254"})
  void shouldRefuseAHostResolvingToARefusedAddress(String host) {
    assertThatThrownBy(() -> DEFAULTS.check(host))
        .isInstanceOf(RepositoryAddresses.RefusedAddressException.class)
        .hasMessageContaining("allowed-networks")
        .hasMessageNotContaining(host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"git.example.com", "10.0.0.0/33", "10.0.0.0/x"})
  void shouldRejectAllowListEntriesThatAreNotCidrs(String cidr) {
    assertThatThrownBy(() -> new RepositoryAddresses(List.of(cidr)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
