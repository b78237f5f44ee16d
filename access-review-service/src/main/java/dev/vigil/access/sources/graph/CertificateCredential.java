package dev.vigil.access.sources.graph;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A certificate credential: a client assertion (RFC 7523) signed RS256 with the certificate's
 * private key, naming the certificate by its thumbprints ({@code x5t#S256}, and {@code x5t} for
 * tenants that still look up SHA-1). The files are read for every token request, so a rotated
 * Secret is used from the next token on.
 */
final class CertificateCredential implements GraphCredential {

  /** Lifetime of one assertion: it is sent at once and only once. */
  static final long ASSERTION_SECONDS = 600;

  private final String tokenEndpoint;
  private final String clientId;
  private final String certificateFile;
  private final String privateKeyFile;

  CertificateCredential(
      String tokenEndpoint, String clientId, String certificateFile, String privateKeyFile) {
    this.tokenEndpoint = tokenEndpoint;
    this.clientId = clientId;
    this.certificateFile = certificateFile;
    this.privateKeyFile = privateKeyFile;
  }

  @Override
  public String tokenEndpoint() {
    return tokenEndpoint;
  }

  @Override
  public Map<String, String> clientFields() {
    X509Certificate certificate = PemFiles.certificate(certificateFile, "certificate-file");
    RSAPrivateKey key = PemFiles.rsaPrivateKey(privateKeyFile, "private-key-file");
    if (!matches(certificate, key)) {
      // Caught here, a rotation that updated one file only reads as what it is.
      throw new GraphException(
          "vigil.access.graph.private-key-file: "
              + privateKeyFile
              + " is not the key of the certificate in "
              + certificateFile,
          0);
    }
    return Map.of(
        "client_id",
        clientId,
        "client_assertion_type",
        JWT_BEARER,
        "client_assertion",
        assertion(certificate, key));
  }

  private String assertion(X509Certificate certificate, RSAPrivateKey key) {
    JwtClaims claims = new JwtClaims();
    claims.setAudience(tokenEndpoint);
    claims.setIssuer(clientId);
    claims.setSubject(clientId);
    claims.setJwtId(UUID.randomUUID().toString());
    NumericDate now = NumericDate.now();
    claims.setIssuedAt(now);
    claims.setNotBefore(now);
    NumericDate expiry = NumericDate.fromSeconds(now.getValue());
    expiry.addSeconds(ASSERTION_SECONDS);
    claims.setExpirationTime(expiry);
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setHeader("typ", "JWT");
    jws.setX509CertSha256ThumbprintHeaderValue(certificate);
    jws.setX509CertSha1ThumbprintHeaderValue(certificate);
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new GraphException(
          "vigil.access.graph.private-key-file: cannot sign the client assertion ("
              + e.getClass().getSimpleName()
              + ")",
          0);
    }
  }

  private static boolean matches(X509Certificate certificate, RSAPrivateKey key) {
    if (!(certificate.getPublicKey() instanceof RSAPublicKey publicKey)) {
      return false;
    }
    if (!publicKey.getModulus().equals(key.getModulus())) {
      return false;
    }
    return !(key instanceof RSAPrivateCrtKey crt)
        || crt.getPublicExponent().equals(publicKey.getPublicExponent());
  }

  @Override
  public String toString() {
    return "certificate of " + clientId + " from " + certificateFile;
  }
}
