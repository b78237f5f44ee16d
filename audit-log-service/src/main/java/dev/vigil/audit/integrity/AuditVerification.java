package dev.vigil.audit.integrity;

import dev.vigil.audit.chain.ChainReader;
import dev.vigil.audit.verify.ChainVerifier;
import dev.vigil.audit.verify.CheckpointSignatures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

/** Verifies the stored chains against their hashes and signed checkpoints. */
@ApplicationScoped
public class AuditVerification {

  private final ChainReader reader;

  AuditVerification(ChainReader reader) {
    this.reader = reader;
  }

  /**
   * Verifies entries received in [from, to). Without bounds the whole log is verified, including
   * that no entry a checkpoint covers has gone missing from the end.
   */
  public Uni<VerificationReport> verify(OffsetDateTime from, OffsetDateTime to) {
    return reader
        .signingKeys()
        .chain(
            keys ->
                reader
                    .checkpoints()
                    .chain(
                        checkpoints -> {
                          Map<String, PublicKey> trusted = new HashMap<>();
                          keys.forEach(
                              (id, key) -> trusted.put(id, CheckpointSignatures.publicKey(key)));
                          ChainVerifier verifier =
                              new ChainVerifier(trusted, checkpoints, from == null);
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
