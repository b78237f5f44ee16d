package dev.vigil.testing.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

  private final AtomicInteger accepted = new AtomicInteger();

  @Test
  void shouldForwardRefuseWhileCutAndForwardAgainAfterRestore() throws Exception {
    try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> serveEcho(echo));
      server.setDaemon(true);
      server.start();
      try (TcpProxy proxy = TcpProxy.start("127.0.0.1", echo.getLocalPort())) {
        assertThat(roundTrip(proxy.port(), 'a')).isEqualTo('a');
        int before = accepted.get();
        proxy.cut();
        assertThatThrownBy(() -> roundTrip(proxy.port(), 'b')).isInstanceOf(IOException.class);
        assertThat(accepted.get()).isEqualTo(before);
        proxy.restore();
        assertThat(roundTrip(proxy.port(), 'c')).isEqualTo('c');
      }
    }
  }

  private static char roundTrip(int port, char c) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(c);
      int read = socket.getInputStream().read();
      if (read < 0) {
        throw new IOException("closed");
      }
      return (char) read;
    }
  }

  private void serveEcho(ServerSocket echo) {
    while (!echo.isClosed()) {
      try (Socket client = echo.accept()) {
        accepted.incrementAndGet();
        int b;
        while ((b = client.getInputStream().read()) >= 0) {
          client.getOutputStream().write(b);
        }
      } catch (IOException e) {
        // next client
      }
    }
  }
}
