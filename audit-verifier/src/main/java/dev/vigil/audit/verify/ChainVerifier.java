package dev.vigil.audit.verify;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Verifies audit entries against their hash chains and signed checkpoints, one entry at a time
 * (constant memory per chain), and reports the first problem found.
 *
 * <p>Feed each chain's entries in the order they were stored. The first entry of a chain in the
 * range is the anchor: when it is entry 1 its previous hash must be the genesis value; otherwise
 * its previous hash is taken as given (a range verification).
 */
public final class ChainVerifier {

  /** What can be wrong. */
  public enum Problem {
    /** An entry's content does not match its hash: a field was altered. */
    HASH_MISMATCH,
    /** An entry does not link to the entry before it: an entry was inserted or replaced. */
    BROKEN_LINK,
    /** Sequence numbers skip: entries were deleted. */
    GAP,
    /** Sequence numbers go backwards or repeat in storage order: entries were reordered. */
    REORDER,
    /**
     * A checkpoint's signature does not verify, or its key is unknown: the checkpoint is forged.
     */
    SIGNATURE_INVALID,
    /**
     * An entry differs from what a signed checkpoint recorded at its position: the chain was
     * rewritten.
     */
    CHECKPOINT_MISMATCH,
    /**
     * A signed checkpoint covers entries that are no longer there: the newest entries were removed.
     */
    MISSING_TAIL,
    /**
     * The log (or export) lists a signing key that is not pinned: a key was inserted, so a forged
     * checkpoint could follow.
     */
    UNPINNED_KEY
  }

  /** The first problem: where and why. */
  public record Finding(Problem problem, String chain, long seq, String eventId, String detail) {}

  /** The outcome; {@code firstProblem} is {@code null} when everything verified. */
  public record Result(long entriesChecked, int checkpointsChecked, Finding firstProblem) {
    public boolean ok() {
      return firstProblem == null;
    }
  }

  private record Head(long seq, String hash) {}

  private final Map<String, PublicKey> keys;
  private final Map<String, NavigableMap<Long, Checkpoint>> checkpoints = new HashMap<>();
  private final Map<String, Head> heads = new HashMap<>();
  private final boolean fromTheStart;
  private long entriesChecked;
  private int checkpointsChecked;
  private Finding first;

  /**
   * @param keys the pinned checkpoint signing keys by key id: only these verify checkpoints
   * @param signedCheckpoints the checkpoints to hold the entries against
   */
  public ChainVerifier(Map<String, PublicKey> keys, Collection<Checkpoint> signedCheckpoints) {
    this(keys, signedCheckpoints, false);
  }

  /**
   * @param fromTheStart the entries cover each chain from its oldest remaining entry; a chain that
   *     no longer starts at entry 1 (retention removed its head) must then start right after a
   *     signed checkpoint that anchors it
   */
  public ChainVerifier(
      Map<String, PublicKey> keys, Collection<Checkpoint> signedCheckpoints, boolean fromTheStart) {
    this.fromTheStart = fromTheStart;
    this.keys = Map.copyOf(keys);
    for (Checkpoint checkpoint : signedCheckpoints) {
      PublicKey key = keys.get(checkpoint.keyId());
      checkpointsChecked++;
      if (key == null || !CheckpointSignatures.verify(checkpoint, key)) {
        fail(
            Problem.SIGNATURE_INVALID,
            checkpoint.chain(),
            checkpoint.seq(),
            null,
            key == null
                ? "checkpoint signed with key " + checkpoint.keyId() + ", which is not pinned"
                : "checkpoint signature does not verify");
        return;
      }
      checkpoints
          .computeIfAbsent(checkpoint.chain(), c -> new TreeMap<>())
          .put(checkpoint.seq(), checkpoint);
    }
  }

  /**
   * Checks the signing keys the log or export lists (key id to base64 X.509): each must be a pinned
   * key. Call before the entries.
   *
   * @return false when one is not
   */
  public boolean acceptListedKeys(Map<String, String> listed) {
    for (Map.Entry<String, String> key : listed.entrySet()) {
      PublicKey pinned = keys.get(key.getKey());
      boolean same;
      try {
        same =
            pinned != null
                && Arrays.equals(
                    pinned.getEncoded(),
                    CheckpointSignatures.publicKey(key.getValue()).getEncoded());
      } catch (IllegalArgumentException e) {
        same = false;
      }
      if (!same) {
        return fail(
            Problem.UNPINNED_KEY,
            "",
            0,
            null,
            "signing key " + key.getKey() + " is listed but not pinned");
      }
    }
    return first == null;
  }

  /**
   * Checks the next entry of its chain.
   *
   * @return false once a problem has been found (later entries are not checked)
   */
  public boolean accept(ChainEntry entry) {
    if (first != null) {
      return false;
    }
    entriesChecked++;
    Head head = heads.get(entry.chain());
    if (head == null) {
      if (entry.seq() == 1 && !CanonicalForm.GENESIS.equals(entry.prevHash())) {
        return fail(
            Problem.BROKEN_LINK, entry, "the first entry does not start from the genesis hash");
      }
      if (entry.seq() > 1 && fromTheStart && !anchored(entry)) {
        return fail(
            Problem.GAP,
            entry,
            "entries 1 to "
                + (entry.seq() - 1)
                + " are missing and no signed checkpoint anchors the new start");
      }
    } else if (entry.seq() <= head.seq()) {
      return fail(
          Problem.REORDER, entry, "entry " + entry.seq() + " stored after entry " + head.seq());
    } else if (entry.seq() > head.seq() + 1) {
      return fail(
          Problem.GAP,
          entry,
          "entries " + (head.seq() + 1) + " to " + (entry.seq() - 1) + " are missing");
    } else if (!head.hash().equals(entry.prevHash())) {
      return fail(Problem.BROKEN_LINK, entry, "previous hash does not match entry " + head.seq());
    }
    if (!CanonicalForm.hash(entry).equals(entry.hash())) {
      return fail(Problem.HASH_MISMATCH, entry, "content does not match the stored hash");
    }
    Checkpoint checkpoint =
        checkpoints.getOrDefault(entry.chain(), new TreeMap<>()).get(entry.seq());
    if (checkpoint != null && !checkpoint.hash().equals(entry.hash())) {
      return fail(
          Problem.CHECKPOINT_MISMATCH,
          entry,
          "differs from the signed checkpoint of " + checkpoint.createdAt());
    }
    heads.put(entry.chain(), new Head(entry.seq(), entry.hash()));
    return true;
  }

  /**
   * Checks the chain link of an entry whose content is not part of the export (a filtered export
   * carries only the hashes of the entries between the selected ones).
   */
  public boolean acceptLink(String chain, long seq, String prevHash, String hash) {
    if (first != null) {
      return false;
    }
    entriesChecked++;
    Head head = heads.get(chain);
    if (head != null) {
      if (seq <= head.seq()) {
        return fail(
            Problem.REORDER,
            chain,
            seq,
            null,
            "entry " + seq + " stored after entry " + head.seq());
      } else if (seq > head.seq() + 1) {
        return fail(
            Problem.GAP,
            chain,
            seq,
            null,
            "entries " + (head.seq() + 1) + " to " + (seq - 1) + " are missing");
      } else if (!head.hash().equals(prevHash)) {
        return fail(
            Problem.BROKEN_LINK,
            chain,
            seq,
            null,
            "previous hash does not match entry " + head.seq());
      }
    }
    Checkpoint checkpoint = checkpoints.getOrDefault(chain, new TreeMap<>()).get(seq);
    if (checkpoint != null && !checkpoint.hash().equals(hash)) {
      return fail(
          Problem.CHECKPOINT_MISMATCH,
          chain,
          seq,
          null,
          "differs from the signed checkpoint of " + checkpoint.createdAt());
    }
    heads.put(chain, new Head(seq, hash));
    return true;
  }

  /**
   * Ends verification.
   *
   * @param throughTheEnd whether the entries ran to the end of each chain; then a checkpoint beyond
   *     the last entry means the newest entries were removed
   */
  public Result finish(boolean throughTheEnd) {
    if (first == null && throughTheEnd) {
      for (Map.Entry<String, NavigableMap<Long, Checkpoint>> chain : checkpoints.entrySet()) {
        Checkpoint last = chain.getValue().lastEntry().getValue();
        Head head = heads.get(chain.getKey());
        long have = head == null ? 0 : head.seq();
        if (last.seq() > have) {
          fail(
              Problem.MISSING_TAIL,
              chain.getKey(),
              have + 1,
              null,
              "checkpoint of "
                  + last.createdAt()
                  + " covers "
                  + last.seq()
                  + " entries, only "
                  + have
                  + " remain");
          break;
        }
      }
    }
    return new Result(entriesChecked, checkpointsChecked, first);
  }

  private boolean anchored(ChainEntry entry) {
    Checkpoint anchor =
        checkpoints.getOrDefault(entry.chain(), new TreeMap<>()).get(entry.seq() - 1);
    return anchor != null && anchor.hash().equals(entry.prevHash());
  }

  private boolean fail(Problem problem, ChainEntry entry, String detail) {
    return fail(problem, entry.chain(), entry.seq(), entry.eventId(), detail);
  }

  private boolean fail(Problem problem, String chain, long seq, String eventId, String detail) {
    if (first == null) {
      first = new Finding(problem, chain, seq, eventId, detail);
    }
    return false;
  }
}
