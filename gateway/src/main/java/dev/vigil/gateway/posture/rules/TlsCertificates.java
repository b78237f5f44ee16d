package dev.vigil.gateway.posture.rules;

import dev.vigil.gateway.posture.Meta;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Reads the serving certificate out of a kubernetes.io/tls Secret and matches host names. */
final class TlsCertificates {

  static final String KEY = "tls.crt";

  private static final int DNS_NAME = 2;

  private TlsCertificates() {}

  /**
   * The first certificate of the Secret's {@code tls.crt}, or why there is none.
   *
   * @param certificate the certificate, or null
   * @param field where the problem is, e.g. {@code data['tls.crt']}
   * @param problem what is wrong, or null
   */
  record Loaded(X509Certificate certificate, String field, String problem) {}

  static Loaded load(Secret secret) {
    String dataField = Meta.keyPath("data", KEY);
    String encoded = Meta.map(secret.getData()).get(KEY);
    byte[] pem;
    if (encoded != null) {
      try {
        pem = Base64.getMimeDecoder().decode(encoded);
      } catch (IllegalArgumentException e) {
        return new Loaded(null, dataField, "tls.crt is not valid base64.");
      }
    } else if (Meta.map(secret.getStringData()).get(KEY) != null) {
      // Manifests may carry the PEM as stringData; the API server moves it into data.
      dataField = Meta.keyPath("stringData", KEY);
      pem = secret.getStringData().get(KEY).getBytes(StandardCharsets.US_ASCII);
    } else {
      return new Loaded(null, dataField, "Secret has no tls.crt.");
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      X509Certificate certificate =
          (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(pem));
      return new Loaded(certificate, dataField, null);
    } catch (CertificateException | ClassCastException e) {
      return new Loaded(null, dataField, "tls.crt does not hold a readable X.509 certificate.");
    }
  }

  /** The certificate's DNS subject alternative names. */
  static List<String> dnsNames(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of();
    }
    if (names == null) {
      return List.of();
    }
    return names.stream()
        .filter(entry -> entry.size() == 2 && Objects.equals(entry.get(0), DNS_NAME))
        .map(entry -> String.valueOf(entry.get(1)))
        .toList();
  }

  /**
   * Whether a certificate or TLS name covers a host: equal ignoring case, or a wildcard {@code
   * *.example.com} standing for exactly one label.
   */
  static boolean covers(String name, String host) {
    String pattern = name.toLowerCase(Locale.ROOT);
    String target = host.toLowerCase(Locale.ROOT);
    if (pattern.equals(target)) {
      return true;
    }
    if (!pattern.startsWith("*.")) {
      return false;
    }
    String suffix = pattern.substring(1);
    if (!target.endsWith(suffix)) {
      return false;
    }
    String label = target.substring(0, target.length() - suffix.length());
    return !label.isEmpty() && !label.contains(".");
  }
}
