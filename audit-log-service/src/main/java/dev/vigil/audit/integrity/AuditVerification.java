package dev.vigil.audit.integrity;

import dev.vigil.audit.chain.ChainReader;
import dev.vigil.audit.chain.CheckpointSigner;
import dev.vigil.audit.verify.ChainVerifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * Verifies the stored chains against their hashes and signed checkpoints. Only pinned keys (the
 * configured signing key and earlier ones) verify checkpoints; a key that appears in {@code
 * audit_signing_key} without being pinned fails verification, since whoever could insert it could
 * sign forged checkpoints with it.
 */
@ApplicationScoped
public class AuditVerification {

  private final ChainReader reader;
  private final CheckpointSigner signer;

  AuditVerification(ChainReader reader, CheckpointSigner signer) {
    this.reader = reader;
    this.signer = signer;
  }

  /**
   * Verifies entries received in [from, to). Without bounds the whole log is verified, including
   * that no entry a checkpoint covers has gone missing from the end.
   */
  public Uni<VerificationReport> verify(OffsetDateTime from, OffsetDateTime to) {
    return reader
        .signingKeys()
        .chain(
            listed ->
                reader
                    .checkpoints()
                    .chain(
                        checkpoints -> {
                          ChainVerifier verifier =
                              new ChainVerifier(signer.pinnedKeys(), checkpoints, from == null);
                          verifier.acceptListedKeys(listed);
                          return reader
                              .entries(from, to)
                              .select()
                              .first(verifier::accept)
                              .collect()
                              .last()
                              .map(
                                  ignored ->
                                      VerificationReport.of(
                                          verifier.finish(from == null && to == null)));
                        }));
  }
}
