package dev.vigil.audit.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies an audit export offline: {@code java -jar vigil-audit-verifier-standalone.jar
 * export.jsonl --public-key <base64 or @file> [--public-key ...]}: only the pinned keys given
 * verify checkpoints, and a key the export lists that is not pinned fails. Exit code 0 when it
 * verifies, 1 when tampering is found, 2 when the file cannot be read as an export.
 */
public final class VerifyExport {

  private VerifyExport() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the verifier and returns its exit code. */
  public static int run(String[] args, PrintStream out) {
    boolean wellFormed = args.length >= 3 && args.length % 2 == 1;
    for (int i = 1; wellFormed && i < args.length; i += 2) {
      wellFormed = "--public-key".equals(args[i]);
    }
    if (!wellFormed) {
      out.println(
          "usage: java -jar vigil-audit-verifier-standalone.jar EXPORT.jsonl --public-key BASE64|@FILE"
              + " [--public-key ...]  (every checkpoint signing key you trust, the current one and"
              + " earlier ones; keys are never taken from the export)");
      return 2;
    }
    try (BufferedReader reader =
        Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      Map<String, PublicKey> pinned = new HashMap<>();
      for (int i = 2; i < args.length; i += 2) {
        for (String key : keyText(args[i]).split("\\s+")) {
          if (!key.isBlank()) {
            PublicKey publicKey = CheckpointSignatures.publicKey(key);
            pinned.put(CheckpointSignatures.keyId(publicKey), publicKey);
          }
        }
      }
      return verify(reader, pinned, out);
    } catch (IOException e) {
      out.println("FAIL: cannot read " + args[0] + ": " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      out.println("FAIL: " + e.getMessage());
      return 2;
    }
  }

  private static int verify(BufferedReader reader, Map<String, PublicKey> pinned, PrintStream out)
      throws IOException {
    String line = reader.readLine();
    int lineNumber = 1;
    JsonNode header = line == null ? null : ExportLines.parse(line);
    if (header == null
        || !ExportLines.FORMAT.equals(header.path("format").asText())
        || header.path("version").asInt() != ExportLines.VERSION) {
      out.println(
          "FAIL: line 1: not a "
              + ExportLines.FORMAT
              + " version "
              + ExportLines.VERSION
              + " header");
      return 2;
    }
    Map<String, String> listed = new HashMap<>();
    header
        .path("keys")
        .fields()
        .forEachRemaining(k -> listed.put(k.getKey(), k.getValue().asText()));
    List<Checkpoint> checkpoints = new ArrayList<>();
    ChainVerifier verifier = null;
    long contentEntries = 0;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      JsonNode node;
      try {
        node = ExportLines.parse(line);
      } catch (IllegalArgumentException e) {
        out.println(
            "FAIL: line " + lineNumber + ": not valid JSON (the file was altered or truncated)");
        return 1;
      }
      String kind = node.path("kind").asText();
      if ("checkpoint".equals(kind)) {
        if (verifier != null) {
          out.println("FAIL: line " + lineNumber + ": checkpoint after entries");
          return 1;
        }
        checkpoints.add(ExportLines.toCheckpoint(node));
        continue;
      }
      if (verifier == null) {
        verifier = verifier(pinned, listed, checkpoints, header);
      }
      if ("entry".equals(kind)) {
        contentEntries++;
        verifier.accept(ExportLines.toEntry(node));
      } else if ("link".equals(kind)) {
        verifier.acceptLink(
            ExportLines.text(node, "chain"),
            node.path("seq").asLong(),
            ExportLines.text(node, "prevHash"),
            ExportLines.text(node, "hash"));
      } else {
        out.println("FAIL: line " + lineNumber + ": unknown line kind '" + kind + "'");
        return 1;
      }
    }
    if (verifier == null) {
      verifier = verifier(pinned, listed, checkpoints, header);
    }
    ChainVerifier.Result result = verifier.finish(header.path("complete").asBoolean());
    if (result.ok()) {
      out.printf(
          "OK: %d entries (%d with content) and %d signed checkpoints verified%n",
          result.entriesChecked(), contentEntries, result.checkpointsChecked());
      return 0;
    }
    ChainVerifier.Finding f = result.firstProblem();
    if (f.problem() == ChainVerifier.Problem.UNPINNED_KEY) {
      out.printf("FAIL: %s: %s%n", f.problem(), f.detail());
      return 1;
    }
    out.printf(
        "FAIL: %s in chain %s at entry %d%s: %s%n",
        f.problem(),
        f.chain(),
        f.seq(),
        f.eventId() == null ? "" : " (event " + f.eventId() + ")",
        f.detail());
    return 1;
  }

  private static ChainVerifier verifier(
      Map<String, PublicKey> pinned,
      Map<String, String> listed,
      List<Checkpoint> checkpoints,
      JsonNode header) {
    ChainVerifier verifier =
        new ChainVerifier(pinned, checkpoints, header.path("complete").asBoolean());
    verifier.acceptListedKeys(listed);
    return verifier;
  }

  private static String keyText(String argument) throws IOException {
    return argument.startsWith("@") ? Files.readString(Path.of(argument.substring(1))) : argument;
  }
}
