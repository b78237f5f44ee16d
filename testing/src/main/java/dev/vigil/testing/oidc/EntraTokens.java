package dev.vigil.testing.oidc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Builds access tokens shaped like Microsoft Entra ID v2 access tokens (claims {@code aud}, {@code
 * iss}, {@code tid}, {@code oid}, {@code roles}, {@code ver=2.0}, {@code azp}, ...) and signs them
 * with the issuer's RS256 key. Every claim can be overridden to build bad tokens.
 */
public final class EntraTokens {

  private final RsaJsonWebKey key;
  private final String issuer;
  private final String tenantId;
  private final String audience;
  private final Map<String, Object> claims = new LinkedHashMap<>();
  private Instant issuedAt = Instant.now();
  private long lifetimeSeconds = 3600;

  EntraTokens(RsaJsonWebKey key, String issuer, String tenantId, String audience) {
    this.key = key;
    this.issuer = issuer;
    this.tenantId = tenantId;
    this.audience = audience;
  }

  /** A delegated (user) token for the given name with the given app roles. */
  public EntraTokens user(String preferredUsername, String... roles) {
    claims.put("idtyp", "user");
    claims.put("name", preferredUsername);
    claims.put("preferred_username", preferredUsername);
    claims.put("oid", UUID.nameUUIDFromBytes(preferredUsername.getBytes()).toString());
    claims.put("scp", "access_as_user");
    return roles(roles);
  }

  /** An application (client credentials) token for the given client with the given app roles. */
  public EntraTokens app(String clientId, String... roles) {
    claims.put("idtyp", "app");
    claims.put("azp", clientId);
    claims.put("oid", UUID.nameUUIDFromBytes(clientId.getBytes()).toString());
    return roles(roles);
  }

  public EntraTokens roles(String... roles) {
    claims.put("roles", List.of(roles));
    return this;
  }

  /** Sets or overrides any claim, including {@code iss}, {@code aud} and {@code tid}. */
  public EntraTokens claim(String name, Object value) {
    claims.put(name, value);
    return this;
  }

  public EntraTokens issuedAt(Instant instant) {
    this.issuedAt = instant;
    return this;
  }

  public EntraTokens lifetimeSeconds(long seconds) {
    this.lifetimeSeconds = seconds;
    return this;
  }

  /** The signed compact JWT. */
  public String sign() {
    return sign(key, AlgorithmIdentifiers.RSA_USING_SHA256, key.getKeyId());
  }

  /** Signed with another RSA key under its own key id: a key the issuer never published. */
  public String signWithUnpublishedKey(String keyId) {
    try {
      RsaJsonWebKey other = org.jose4j.jwk.RsaJwkGenerator.generateJwk(2048);
      return sign(other, AlgorithmIdentifiers.RSA_USING_SHA256, keyId);
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code alg: none}: claims without any signature. */
  public String signNone() {
    return sign(null, AlgorithmIdentifiers.NONE, key.getKeyId());
  }

  /** HS256 keyed with the issuer's public key: the classic algorithm-confusion forgery. */
  public String signHs256WithPublicKey() {
    return sign(
        new org.jose4j.keys.HmacKey(key.getRsaPublicKey().getEncoded()),
        AlgorithmIdentifiers.HMAC_SHA256,
        key.getKeyId());
  }

  private String sign(Object signingKey, String algorithm, String keyId) {
    JwtClaims jwt = new JwtClaims();
    jwt.setIssuer(issuer);
    jwt.setAudience(audience);
    jwt.setClaim("iat", issuedAt.getEpochSecond());
    jwt.setClaim("nbf", issuedAt.getEpochSecond() - 5);
    jwt.setClaim("exp", issuedAt.getEpochSecond() + lifetimeSeconds);
    jwt.setClaim("tid", tenantId);
    jwt.setClaim("ver", "2.0");
    jwt.setClaim("uti", UUID.randomUUID().toString().replace("-", ""));
    jwt.setClaim("azpacr", "1");
    claims.forEach(jwt::setClaim);
    Object oid = jwt.getClaimValue("oid");
    jwt.setClaim("sub", oid == null ? UUID.randomUUID().toString() : oid.toString());
    claims.forEach(jwt::setClaim);

    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(jwt.toJson());
    if (signingKey instanceof RsaJsonWebKey rsa) {
      jws.setKey(rsa.getPrivateKey());
    } else if (signingKey instanceof java.security.Key other) {
      jws.setKey(other);
      jws.setDoKeyValidation(false);
    } else {
      jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
    }
    jws.setKeyIdHeaderValue(keyId);
    jws.setAlgorithmHeaderValue(algorithm);
    jws.setHeader("typ", "JWT");
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("cannot sign token", e);
    }
  }
}
