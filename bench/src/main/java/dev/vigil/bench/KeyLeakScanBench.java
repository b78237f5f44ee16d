package dev.vigil.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

/**
 * {@code bench/run key-leak-scan}: a generated history (main, a feature and a release branch, a
 * tag) with a key version planted in one old commit and removed in the next, and a committed {@code
 * .env} on the feature branch. key-service scans it from registration to the recorded result; the
 * findings must name the planted commit, path and line. Baseline, in the same run: {@code git log
 * --all -p | grep} for 64-hex tokens, which reads every diff but matches nothing against keys.
 *
 * <p>Arguments: key-service URL, admin token, Kubernetes API URL, repository directory, commits.
 */
public final class KeyLeakScanBench {

  private static final String SLOT = "AUTH_SECRET";
  private static final String PLANTED_PATH = "deploy/secrets.yaml";
  private static final int PLANTED_LINE = 7;

  private final KeyServiceClient client;
  private final String adminToken;
  private final Path repository;
  private final int commits;
  private final Random random = new Random(42);

  private KeyLeakScanBench(String[] args) {
    client = new KeyServiceClient(args[0], args[2]);
    adminToken = args[1];
    repository = Path.of(args[3]);
    commits = Integer.parseInt(args[4]);
  }

  public static void main(String[] args) throws Exception {
    new KeyLeakScanBench(args).run();
  }

  private void run() throws Exception {
    String environment = client.environmentWithKeys(adminToken);
    String key = client.slotValue(environment, SLOT);
    long generating = System.nanoTime();
    generate(key);
    String planted = git("log", "--all", "--format=%H", "--grep=planted key").trim();
    System.out.printf(
        "generated %d commits in %.1f s; key planted in %s%n",
        commits, (System.nanoTime() - generating) / 1e9, planted);

    String name = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    long registered = System.nanoTime();
    client.call(
        "POST",
        "/api/v1/keys/leak-scan/repositories",
        adminToken,
        "{\"name\":\"" + name + "\",\"url\":\"" + repository.toUri() + "\"}",
        201);
    long scanMillis;
    while (true) {
      String repositories =
          client.call("GET", "/api/v1/keys/leak-scan/repositories", adminToken, null, 200);
      String mine = repositories.substring(repositories.indexOf("\"name\":\"" + name + "\""));
      mine = mine.substring(0, mine.indexOf('}') + 1);
      if (mine.contains("\"lastScanError\"")) {
        throw new IllegalStateException("the scan failed: " + mine);
      }
      if (mine.contains("\"lastScanMillis\"")) {
        scanMillis = Long.parseLong(mine.replaceAll(".*\"lastScanMillis\":(\\d+).*", "$1"));
        System.out.println("repository: " + mine);
        break;
      }
      Thread.sleep(100);
    }
    double wall = (System.nanoTime() - registered) / 1e9;
    String findings =
        client.call(
            "GET", "/api/v1/keys/leak-scan/findings?repository=" + name, adminToken, null, 200);
    if (!findings.contains(
            "\"commit\":\""
                + planted
                + "\",\"path\":\""
                + PLANTED_PATH
                + "\",\"line\":"
                + PLANTED_LINE)
        || !findings.contains("\"slot\":\"" + SLOT + "\"")
        || !findings.contains("\"kind\":\"ENV_FILE\"")) {
      throw new IllegalStateException(
          "the planted key or the .env file was not found: " + findings);
    }
    System.out.println("found the planted key version and the committed .env file");

    long grepping = System.nanoTime();
    String tokens =
        sh("git -C '"
                + repository
                + "' log --all -p --no-color | grep -Eo '[0-9a-fA-F]{64}' | wc -l")
            .trim();
    double baseline = (System.nanoTime() - grepping) / 1e9;
    double seconds = scanMillis / 1000.0;
    System.out.printf(
        "service: %.2f s scanning (%.2f s from registration to result)%n", seconds, wall);
    System.out.printf(
        "baseline: %.2f s for git log -p | grep (%s 64-hex tokens, none matched to keys)%n",
        baseline, tokens);
    System.out.printf(
        "key-leak-scan: %.2f s, baseline %.2f s, ratio %.2f%n",
        seconds, baseline, seconds / baseline);
  }

  /** Writes the history with git fast-import. */
  private void generate(String key) throws Exception {
    git("init", "-q", "-b", "main", repository.toString());
    Process importer =
        new ProcessBuilder("git", "fast-import", "--quiet")
            .directory(repository.toFile())
            .redirectErrorStream(true)
            .start();
    try (OutputStream out = new BufferedOutputStream(importer.getOutputStream(), 1 << 20)) {
      int plantAt = commits * 12 / 100;
      int envAt = commits * 60 / 100;
      int mainHead = 0;
      int featureHead = 0;
      int releaseHead = 0;
      long time = 1_700_000_000L;
      for (int mark = 1; mark <= commits; mark++) {
        String branch = "main";
        int from = mainHead;
        if (mark > 10 && mark % 10 == 0 && mark != plantAt + 1) {
          branch = "feature";
          from = featureHead == 0 ? mainHead : featureHead;
        } else if (mark > 17 && mark % 17 == 0 && mark != plantAt + 1) {
          branch = "release";
          from = releaseHead == 0 ? mainHead : releaseHead;
        }
        String message = mark == plantAt ? "planted key" : "change " + mark;
        write(
            out,
            "commit refs/heads/"
                + branch
                + "\nmark :"
                + mark
                + "\n"
                + "committer Dev <dev@example.com> "
                + (time + mark * 60L)
                + " +0000\n");
        data(out, message);
        if (from != 0) {
          write(out, "from :" + from + "\n");
        }
        for (int f = 0; f < 2; f++) {
          String path = "src/module" + random.nextInt(20) + "/File" + random.nextInt(10) + ".java";
          file(out, path, source(mark));
        }
        if (mark == plantAt) {
          file(out, PLANTED_PATH, secrets(key));
        } else if (mark == plantAt + 1) {
          file(out, PLANTED_PATH, secrets("${AUTH_SECRET}"));
        }
        if (mark == envAt) {
          file(out, ".env", "# local settings\nDEBUG=true\n");
        }
        write(out, "\n");
        switch (branch) {
          case "feature" -> featureHead = mark;
          case "release" -> releaseHead = mark;
          default -> mainHead = mark;
        }
        if (mark == commits / 2) {
          write(out, "reset refs/tags/v1.0\nfrom :" + mark + "\n\n");
        }
      }
    }
    if (importer.waitFor() != 0) {
      throw new IllegalStateException(
          "git fast-import failed: " + new String(importer.getInputStream().readAllBytes()));
    }
  }

  private String source(int mark) {
    StringBuilder text = new StringBuilder("package bench;\n\nclass Generated {\n");
    for (int line = 0; line < 40; line++) {
      text.append("  // change ").append(mark).append(" line ").append(line).append('\n');
    }
    // Build checksums: 64-hex tokens that are no key, so every scan does fingerprint lookups.
    byte[] checksum = new byte[32];
    random.nextBytes(checksum);
    text.append("  static final String SHA256 = \"")
        .append(HexFormat.of().formatHex(checksum))
        .append("\";\n}\n");
    return text.toString();
  }

  private static String secrets(String value) {
    return "apiVersion: v1\nkind: Secret\nmetadata:\n  name: platform\ntype: Opaque\nstringData:\n  authSecret: "
        + value
        + "\n";
  }

  private static void file(OutputStream out, String path, String content) throws IOException {
    write(out, "M 100644 inline " + path + "\n");
    data(out, content);
  }

  private static void data(OutputStream out, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    write(out, "data " + bytes.length + "\n");
    out.write(bytes);
    write(out, "\n");
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  private String git(String... args) throws Exception {
    String[] command = new String[args.length + 3];
    command[0] = "git";
    command[1] = "-C";
    command[2] = repository.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    if (args[0].equals("init")) {
      command = new String[] {"git", "init", "-q", "-b", "main", repository.toString()};
    }
    return run(command);
  }

  private static String sh(String script) throws Exception {
    return run("bash", "-c", script);
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
    return output;
  }
}
