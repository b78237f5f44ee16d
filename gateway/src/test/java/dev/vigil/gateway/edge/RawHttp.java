package dev.vigil.gateway.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * An HTTP/1.1 GET over a plain socket, so the request line carries the path exactly as written: no
 * client library decodes percent-escapes or removes dot segments first.
 */
final class RawHttp {

  /** The status code and the body of an answer. */
  record Answer(int status, String head, String body) {}

  private RawHttp() {}

  static Answer get(String rawPath, String token) throws IOException {
    int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + rawPath
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
              + "User-Agent: raw-path-probe\r\nConnection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = answer.indexOf("\r\n\r\n");
      String head = split < 0 ? answer : answer.substring(0, split);
      String body = split < 0 ? "" : answer.substring(split + 4);
      int status = Integer.parseInt(head.substring(9, 12));
      return new Answer(status, head, body);
    }
  }
}
