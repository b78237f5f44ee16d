package dev.vigil.common.events.audit;

import dev.vigil.common.events.EventData;

/**
 * The data of {@code dev.vigil.audit.checkpoint-signed.v1}: a signed statement of an audit hash
 * chain's head. The subject is the chain id.
 *
 * @param chain the chain id, e.g. {@code p0}
 * @param seq the number of entries in the chain at the checkpoint (the head's sequence number)
 * @param hash SHA-256 of the head entry's canonical form, lower-case hex
 * @param createdAt the UTC timestamp with six fractional digits, as signed; text, because the
 *     signature covers these exact characters
 * @param keyId the first 16 hex digits of SHA-256 of the public key's encoding
 * @param signature the Base64 Ed25519 signature
 * @param publicKey the Base64 X.509 SubjectPublicKeyInfo of the signing key
 */
public record CheckpointSigned(
    String chain,
    long seq,
    String hash,
    String createdAt,
    String keyId,
    String signature,
    String publicKey)
    implements EventData {

  public static final String TYPE = "dev.vigil.audit.checkpoint-signed.v1";
}
