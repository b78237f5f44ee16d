package dev.vigil.audit.verify;

/**
 * A signed statement of a chain's head: "chain {@code chain} had {@code seq} entries, the last with
 * hash {@code hash}, at {@code createdAt}". Whoever keeps checkpoints can later prove that entries
 * were removed from the end (truncation) or rewritten.
 *
 * @param keyId which signing key signed it
 * @param signature base64 Ed25519 signature over {@link CanonicalForm#bytes(Checkpoint)}
 */
public record Checkpoint(
    String chain, long seq, String hash, String createdAt, String keyId, String signature) {}
