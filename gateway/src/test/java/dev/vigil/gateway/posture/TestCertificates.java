package dev.vigil.gateway.posture;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Real self-signed X.509 certificates, made by the JDK's keytool. */
public final class TestCertificates {

  private TestCertificates() {}

  /**
   * A PEM certificate for a DNS name.
   *
   * @param dnsName the CN and the only DNS subject alternative name, e.g. {@code *.example.com}
   * @param startDate keytool's {@code -startdate}, e.g. {@code -100d}, or null for now
   * @param validityDays keytool's {@code -validity}
   */
  public static String pem(String dnsName, String startDate, int validityDays) {
    try {
      Path dir = Files.createTempDirectory("posture-cert");
      try {
        Path keystore = dir.resolve("tls.p12");
        Path certificate = dir.resolve("tls.crt");
        List<String> generate =
            new ArrayList<>(
                List.of(
                    "-genkeypair",
                    "-alias",
                    "tls",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=" + dnsName,
                    "-ext",
                    "san=dns:" + dnsName,
                    "-validity",
                    String.valueOf(validityDays)));
        if (startDate != null) {
          generate.addAll(List.of("-startdate", startDate));
        }
        generate.addAll(store(keystore));
        keytool(generate);
        List<String> export =
            new ArrayList<>(
                List.of("-exportcert", "-rfc", "-alias", "tls", "-file", certificate.toString()));
        export.addAll(store(keystore));
        keytool(export);
        return Files.readString(certificate, StandardCharsets.US_ASCII);
      } finally {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not create a test certificate", e);
    }
  }

  /**
   * A PKCS12 key store (password {@code changeit}) with a self-signed certificate for {@code
   * localhost}, and a trust store holding only that certificate, both in {@code dir}.
   *
   * @return the key store; the trust store is {@code truststore.p12} beside it
   */
  public static Path serverKeyStore(Path dir, int validityDays) {
    try {
      Path keystore = dir.resolve("server.p12");
      Path certificate = dir.resolve("server.crt");
      List<String> generate =
          new ArrayList<>(
              List.of(
                  "-genkeypair",
                  "-alias",
                  "server",
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-dname",
                  "CN=localhost",
                  "-ext",
                  "san=dns:localhost",
                  "-validity",
                  String.valueOf(validityDays)));
      generate.addAll(store(keystore));
      keytool(generate);
      List<String> export =
          new ArrayList<>(
              List.of("-exportcert", "-alias", "server", "-file", certificate.toString()));
      export.addAll(store(keystore));
      keytool(export);
      List<String> trust =
          new ArrayList<>(
              List.of("-importcert", "-alias", "server", "-file", certificate.toString()));
      trust.addAll(store(dir.resolve("truststore.p12")));
      keytool(trust);
      return keystore;
    } catch (IOException e) {
      throw new IllegalStateException("could not create a test key store", e);
    }
  }

  /** A kubernetes.io/tls Secret holding the certificate in {@code data.tls.crt}. */
  public static Secret tlsSecret(String namespace, String name, String pem) {
    String encoded = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .endMetadata()
        .withType("kubernetes.io/tls")
        .withData(Map.of("tls.crt", encoded))
        .build();
  }

  private static List<String> store(Path keystore) {
    return List.of(
        "-keystore",
        keystore.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit",
        "-keypass",
        "changeit",
        "-noprompt");
  }

  private static void keytool(List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException(
            "keytool failed: " + String.join(" ", command) + "\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", e);
    }
  }
}
