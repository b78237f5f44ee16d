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
 * export.jsonl [--public-key <base64 or @file>]}. Exit code 0 when it verifies, 1 when tampering is
 * found, 2 when the file cannot be read as an export.
 */
public final class VerifyExport {

  private VerifyExport() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the verifier and returns its exit code. */
  public static int run(String[] args, PrintStream out) {
    if (args.length != 1 && !(args.length == 3 && "--public-key".equals(args[1]))) {
      out.println(
          "usage: java -jar vigil-audit-verifier-standalone.jar EXPORT.jsonl [--public-key BASE64|@FILE]");
      return 2;
    }
    try (BufferedReader reader =
        Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      PublicKey pinned = args.length == 3 ? CheckpointSignatures.publicKey(keyText(args[2])) : null;
      return verify(reader, pinned, out);
    } catch (IOException e) {
      out.println("FAIL: cannot read " + args[0] + ": " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      out.println("FAIL: " + e.getMessage());
      return 2;
    }
  }

  private static int verify(BufferedReader reader, PublicKey pinned, PrintStream out)
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
    Map<String, PublicKey> keys = new HashMap<>();
    if (pinned != null) {
      keys.put(CheckpointSignatures.keyId(pinned), pinned);
    } else {
      out.println(
          "WARNING: trusting the signing keys embedded in the export; pin the expected key with --public-key");
      header
          .path("keys")
          .fields()
          .forEachRemaining(
              k -> keys.put(k.getKey(), CheckpointSignatures.publicKey(k.getValue().asText())));
    }
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
        verifier = new ChainVerifier(keys, checkpoints, header.path("complete").asBoolean());
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
      verifier = new ChainVerifier(keys, checkpoints, header.path("complete").asBoolean());
    }
    ChainVerifier.Result result = verifier.finish(header.path("complete").asBoolean());
    if (result.ok()) {
      out.printf(
          "OK: %d entries (%d with content) and %d signed checkpoints verified%n",
          result.entriesChecked(), contentEntries, result.checkpointsChecked());
      return 0;
    }
    ChainVerifier.Finding f = result.firstProblem();
    out.printf(
        "FAIL: %s in chain %s at entry %d%s: %s%n",
        f.problem(),
        f.chain(),
        f.seq(),
        f.eventId() == null ? "" : " (event " + f.eventId() + ")",
        f.detail());
    return 1;
  }

  private static String keyText(String argument) throws IOException {
    return argument.startsWith("@") ? Files.readString(Path.of(argument.substring(1))) : argument;
  }
}
