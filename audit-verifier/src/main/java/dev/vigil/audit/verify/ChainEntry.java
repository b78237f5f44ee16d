package dev.vigil.audit.verify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One audit-log entry with its place in a hash chain.
 *
 * @param chain the chain it belongs to (one per Kafka partition, e.g. {@code p0})
 * @param seq its position in the chain, from 1, without gaps
 * @param eventId the audit event's id (the CloudEvent id)
 * @param source the producer (CloudEvent source)
 * @param occurredAt when it happened, in {@link CanonicalForm#timestamp} form
 * @param details free-form JSON, or {@code null}
 * @param prevHash the previous entry's hash ({@link CanonicalForm#GENESIS} for the first)
 * @param hash SHA-256 of this entry's canonical form, lower-case hex
 */
public record ChainEntry(
    String chain,
    long seq,
    String eventId,
    String source,
    String occurredAt,
    String actorId,
    String actorType,
    String actorDisplayName,
    String action,
    String targetType,
    String targetId,
    String targetName,
    String outcome,
    String sourceAddress,
    String userAgent,
    String organization,
    String correlationId,
    JsonNode details,
    String prevHash,
    String hash) {

  /** This entry with its hash computed from its content. */
  public ChainEntry sealed() {
    return withHash(CanonicalForm.hash(this));
  }

  public ChainEntry withHash(String newHash) {
    return new ChainEntry(
        chain,
        seq,
        eventId,
        source,
        occurredAt,
        actorId,
        actorType,
        actorDisplayName,
        action,
        targetType,
        targetId,
        targetName,
        outcome,
        sourceAddress,
        userAgent,
        organization,
        correlationId,
        details,
        prevHash,
        newHash);
  }
}
