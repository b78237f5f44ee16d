package dev.vigil.access.sources.graph;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads a certificate and its private key from PEM files. Errors name the setting, the file and
 * what is wrong with it, never the file's content.
 */
final class PemFiles {

  private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String KEY_END = "-----END PRIVATE KEY-----";

  private PemFiles() {}

  /** The first certificate of a PEM file. */
  static X509Certificate certificate(String file, String key) {
    byte[] pem = read(file, key);
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(pem));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw invalid(key, file, "holds no readable X.509 certificate");
    }
  }

  /** An unencrypted PKCS#8 RSA private key. */
  static RSAPrivateKey rsaPrivateKey(String file, String key) {
    String pem = new String(read(file, key), StandardCharsets.US_ASCII);
    int begin = pem.indexOf(KEY_BEGIN);
    int end = pem.indexOf(KEY_END);
    if (begin < 0 || end < begin) {
      throw invalid(
          key,
          file,
          "is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with"
              + " openssl pkcs8 -topk8 -nocrypt");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + KEY_BEGIN.length(), end));
      return (RSAPrivateKey)
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw invalid(key, file, "holds no readable RSA private key");
    }
  }

  private static byte[] read(String file, String key) {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (IOException | RuntimeException e) {
      throw invalid(key, file, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static GraphException invalid(String key, String file, String problem) {
    return new GraphException("vigil.access.graph." + key + ": " + file + " " + problem, 0);
  }
}
