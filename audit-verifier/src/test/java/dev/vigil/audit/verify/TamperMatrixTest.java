package dev.vigil.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.vigil.audit.verify.ChainVerifier.Problem;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TamperMatrixTest {

  private KeyPair keys;
  private List<ChainEntry> chain;
  private List<Checkpoint> checkpoints;

  @BeforeEach
  void buildAChainOfTenWithCheckpointsAtFiveAndTen() throws Exception {
    keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    chain = new ArrayList<>();
    String prev = CanonicalForm.GENESIS;
    for (int seq = 1; seq <= 10; seq++) {
      ChainEntry entry = entry(seq, prev, "user-" + seq);
      chain.add(entry);
      prev = entry.hash();
    }
    checkpoints = new ArrayList<>(List.of(checkpoint(5), checkpoint(10)));
  }

  @Test
  void shouldVerifyAnIntactChain() {
    ChainVerifier.Result result = verify(chain, checkpoints);
    assertThat(result.ok()).isTrue();
    assertThat(result.entriesChecked()).isEqualTo(10);
    assertThat(result.checkpointsChecked()).isEqualTo(2);
  }

  @Test
  void shouldDetectAnAlteredField() {
    ChainEntry original = chain.get(3);
    chain.set(
        3,
        new ChainEntry(
            original.chain(),
            original.seq(),
            original.eventId(),
            original.source(),
            original.occurredAt(),
            original.actorId(),
            original.actorType(),
            original.actorDisplayName(),
            original.action(),
            original.targetType(),
            original.targetId(),
            original.targetName(),
            "success",
            original.sourceAddress(),
            original.userAgent(),
            original.organization(),
            original.correlationId(),
            original.details(),
            original.prevHash(),
            original.hash()));
    assertProblem(Problem.HASH_MISMATCH, 4);
  }

  @Test
  void shouldDetectADeletedMiddleEntry() {
    chain.remove(6);
    assertProblem(Problem.GAP, 8);
  }

  @Test
  void shouldDetectDeletedNewestEntriesAgainstTheLastCheckpoint() {
    chain.subList(7, 10).clear();
    assertProblem(Problem.MISSING_TAIL, 8);
  }

  @Test
  void shouldDetectReorderedEntries() {
    ChainEntry third = chain.get(2);
    chain.set(2, chain.get(3));
    chain.set(3, third);
    assertProblem(Problem.GAP, 4); // 4 arrives where 3 was expected
    ChainVerifier verifier = new ChainVerifier(Map.of(keyId(), keys.getPublic()), checkpoints);
    chain.forEach(verifier::accept);
    // Storage order 1,2,4,3: whatever the first symptom, the verifier never accepts it.
    assertThat(verifier.finish(true).ok()).isFalse();
  }

  @Test
  void shouldDetectAnEntryStoredOutOfOrderAfterItsSuccessor() {
    ChainEntry fourth = chain.remove(3);
    chain.add(5, fourth); // storage order 1,2,3,5,6,4,...
    assertProblem(Problem.GAP, 5);
    List<ChainEntry> swappedBack = new ArrayList<>(chain.subList(0, 3));
    swappedBack.add(chain.get(5)); // 4
    swappedBack.add(chain.get(3)); // 5
    swappedBack.add(chain.get(3)); // 5 again
    assertThat(verify(swappedBack, List.of()).firstProblem().problem()).isEqualTo(Problem.REORDER);
  }

  @Test
  void shouldDetectAnInsertedForgedEntry() {
    ChainEntry forged = entry(4, chain.get(2).hash(), "mallory");
    List<ChainEntry> tampered = new ArrayList<>(chain.subList(0, 3));
    tampered.add(forged);
    for (ChainEntry later : chain.subList(3, 10)) {
      tampered.add(renumbered(later, later.seq() + 1));
    }
    assertThat(verify(tampered, checkpoints).firstProblem().problem())
        .isEqualTo(Problem.BROKEN_LINK);
  }

  @Test
  void shouldDetectAForgedEntryEvenWhenTheRestOfTheChainIsRewritten() {
    List<ChainEntry> rewritten = new ArrayList<>(chain.subList(0, 2));
    String prev = chain.get(1).hash();
    for (int seq = 3; seq <= 10; seq++) {
      ChainEntry forged = entry(seq, prev, seq == 3 ? "mallory" : "user-" + seq);
      rewritten.add(forged);
      prev = forged.hash();
    }
    ChainVerifier.Finding finding = verify(rewritten, checkpoints).firstProblem();
    assertThat(finding.problem()).isEqualTo(Problem.CHECKPOINT_MISMATCH);
    assertThat(finding.seq()).isEqualTo(5);
  }

  @Test
  void shouldDetectAForgedCheckpoint() throws Exception {
    KeyPair forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Checkpoint real = checkpoints.get(1);
    Checkpoint unsigned =
        new Checkpoint(real.chain(), 12, "f".repeat(64), real.createdAt(), keyId(), null);
    checkpoints.add(
        new Checkpoint(
            unsigned.chain(),
            unsigned.seq(),
            unsigned.hash(),
            unsigned.createdAt(),
            keyId(),
            CheckpointSignatures.sign(unsigned, forger.getPrivate())));
    assertThat(verify(chain, checkpoints).firstProblem().problem())
        .isEqualTo(Problem.SIGNATURE_INVALID);
  }

  @Test
  void shouldRefuseACheckpointSignedByAKeyThatIsNotPinned() throws Exception {
    KeyPair inserted = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String insertedId = CheckpointSignatures.keyId(inserted.getPublic());
    Checkpoint real = checkpoints.get(1);
    Checkpoint unsigned =
        new Checkpoint(real.chain(), 10, real.hash(), real.createdAt(), insertedId, null);
    Checkpoint resigned =
        new Checkpoint(
            unsigned.chain(),
            10,
            unsigned.hash(),
            unsigned.createdAt(),
            insertedId,
            CheckpointSignatures.sign(unsigned, inserted.getPrivate()));
    ChainVerifier.Result result = verify(chain, List.of(checkpoints.get(0), resigned));
    assertThat(result.firstProblem().problem()).isEqualTo(Problem.SIGNATURE_INVALID);
    assertThat(result.firstProblem().detail()).contains("not pinned");
  }

  @Test
  void shouldFailWhenTheLogListsASigningKeyThatIsNotPinned() throws Exception {
    PublicKey inserted = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
    ChainVerifier verifier = new ChainVerifier(Map.of(keyId(), keys.getPublic()), checkpoints);
    assertThat(verifier.acceptListedKeys(Map.of(keyId(), base64(keys.getPublic())))).isTrue();
    assertThat(
            verifier.acceptListedKeys(
                Map.of(CheckpointSignatures.keyId(inserted), base64(inserted))))
        .isFalse();
    assertThat(verifier.finish(true).firstProblem().problem()).isEqualTo(Problem.UNPINNED_KEY);
  }

  @Test
  void shouldFailWhenAListedKeyIdNamesADifferentKeyThanThePinnedOne() throws Exception {
    PublicKey other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
    ChainVerifier verifier = new ChainVerifier(Map.of(keyId(), keys.getPublic()), checkpoints);
    assertThat(verifier.acceptListedKeys(Map.of(keyId(), base64(other)))).isFalse();
  }

  @Test
  void shouldDetectDeletedOldestEntriesUnlessACheckpointAnchorsTheNewStart() {
    List<ChainEntry> pruned = new ArrayList<>(chain.subList(5, 10)); // entries 1..5 removed
    ChainVerifier unanchored =
        new ChainVerifier(Map.of(keyId(), keys.getPublic()), List.of(checkpoints.get(1)), true);
    pruned.forEach(unanchored::accept);
    assertThat(unanchored.finish(true).firstProblem().problem()).isEqualTo(Problem.GAP);

    ChainVerifier anchored =
        new ChainVerifier(Map.of(keyId(), keys.getPublic()), checkpoints, true); // checkpoint at 5
    pruned.forEach(anchored::accept);
    assertThat(anchored.finish(true).ok()).isTrue();
  }

  @Test
  void shouldAcceptARangeThatStartsMidChain() {
    assertThat(
            new ChainVerifier(Map.of(keyId(), keys.getPublic()), checkpoints).accept(chain.get(4)))
        .isTrue();
  }

  private void assertProblem(Problem problem, long seq) {
    ChainVerifier.Finding finding = verify(chain, checkpoints).firstProblem();
    assertThat(finding).isNotNull();
    assertThat(finding.problem()).isEqualTo(problem);
    assertThat(finding.seq()).isEqualTo(seq);
  }

  private static String base64(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  private ChainVerifier.Result verify(List<ChainEntry> entries, List<Checkpoint> cps) {
    ChainVerifier verifier = new ChainVerifier(Map.of(keyId(), keys.getPublic()), cps);
    entries.forEach(verifier::accept);
    return verifier.finish(true);
  }

  private Checkpoint checkpoint(int seq) {
    Checkpoint unsigned =
        new Checkpoint(
            "p0", seq, chain.get(seq - 1).hash(), "2026-11-28T10:00:00.000000Z", keyId(), null);
    return new Checkpoint(
        unsigned.chain(),
        unsigned.seq(),
        unsigned.hash(),
        unsigned.createdAt(),
        unsigned.keyId(),
        CheckpointSignatures.sign(unsigned, keys.getPrivate()));
  }

  private String keyId() {
    PublicKey key = keys.getPublic();
    return CheckpointSignatures.keyId(key);
  }

  private static ChainEntry renumbered(ChainEntry e, long seq) {
    return new ChainEntry(
        e.chain(),
        seq,
        e.eventId(),
        e.source(),
        e.occurredAt(),
        e.actorId(),
        e.actorType(),
        e.actorDisplayName(),
        e.action(),
        e.targetType(),
        e.targetId(),
        e.targetName(),
        e.outcome(),
        e.sourceAddress(),
        e.userAgent(),
        e.organization(),
        e.correlationId(),
        e.details(),
        e.prevHash(),
        e.hash());
  }

  static ChainEntry entry(long seq, String prevHash, String actor) {
    var details =
        JsonNodeFactory.instance.objectNode().put("method", "password").put("attempt", seq);
    return new ChainEntry(
            "p0",
            seq,
            "event-" + seq,
            "/platform/auth",
            CanonicalForm.timestamp(
                OffsetDateTime.of(2026, 11, 28, 10, 0, (int) seq, 123_456_789, ZoneOffset.UTC)),
            actor,
            "user",
            "Display " + actor,
            "auth.signin.failed",
            "application",
            "portal",
            null,
            "failure",
            "203.0.113.7",
            "curl/8",
            "org-1",
            "corr-" + seq,
            details,
            prevHash,
            null)
        .sealed();
  }
}
