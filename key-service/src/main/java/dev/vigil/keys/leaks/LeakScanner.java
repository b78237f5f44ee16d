package dev.vigil.keys.leaks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Scans every commit reachable from any ref (branches, tags, everything a mirror holds), oldest
 * first, reading each changed file version once. Finds 64-hex tokens that are key versions (asked
 * of a lookup that works by keyed fingerprint, so no list of keys is ever built), committed {@code
 * .env} files, and literal assignments of slot names. Findings name the commit that introduced the
 * content, the path and the line; never the matched text.
 */
public final class LeakScanner {

  /** What a finding is. */
  public enum Kind {
    KEY_VERSION,
    ENV_FILE,
    SECRET_ASSIGNMENT
  }

  /** A key version a token turned out to be. */
  public record KeyRef(String environment, String slot, int version) {}

  /** One finding: where, and which key when it is one. */
  public record Finding(Kind kind, String commit, String path, int line, KeyRef key) {}

  /** What one scan saw and found. */
  public record Result(List<Finding> findings, int commits, int fileVersions) {}

  private static final Pattern HEX64 =
      Pattern.compile("(?<![0-9A-Fa-f])[0-9A-Fa-f]{64}(?![0-9A-Fa-f])");
  private static final Pattern ENV_FILE = Pattern.compile("(^|/)\\.env(\\.[A-Za-z0-9_.-]+)?$");
  private static final Set<String> ENV_TEMPLATES =
      Set.of("example", "sample", "template", "dist", "defaults");
  private static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  private final Function<String, KeyRef> keys;
  private final Pattern assignment;
  private final Pattern manifestValue;

  /**
   * @param keys the key version a 64-hex token is, or null
   * @param slotNames the slot names whose literal assignment is a finding
   */
  public LeakScanner(Function<String, KeyRef> keys, Collection<String> slotNames) {
    this.keys = keys;
    String names = slotNames.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    this.assignment =
        Pattern.compile(
            "(?<![A-Za-z0-9_.])(?:" + names + ")[\"']?[ \\t]*[:=][ \\t]*[\"']?([^\\s\"'#,;}]*)");
    this.manifestValue =
        Pattern.compile(
            "name:[ \\t]*[\"']?(?:"
                + names
                + ")[\"']?[ \\t]*\\r?\\n[ \\t-]*value:[ \\t]*[\"']?([^\\s\"'#]*)");
  }

  /** Scans the repository's full history. Blocking. */
  public Result scan(Repository repository) throws IOException {
    List<Finding> findings = new ArrayList<>();
    Set<ObjectId> seen = new HashSet<>();
    Set<String> envFiles = new HashSet<>();
    int commits = 0;
    int fileVersions = 0;
    try (RevWalk walk = new RevWalk(repository);
        ObjectReader reader = repository.newObjectReader();
        TreeWalk tree = new TreeWalk(reader)) {
      for (Ref ref : repository.getRefDatabase().getRefs()) {
        if (ref.getObjectId() == null) {
          continue;
        }
        RevObject object = walk.parseAny(ref.getObjectId());
        while (object instanceof RevTag tag) {
          object = walk.parseAny(tag.getObject());
        }
        if (object instanceof RevCommit commit) {
          walk.markStart(commit);
        }
      }
      walk.sort(RevSort.TOPO, true);
      walk.sort(RevSort.REVERSE, true);
      for (RevCommit commit : walk) {
        commits++;
        tree.reset();
        tree.setRecursive(true);
        if (commit.getParentCount() == 0) {
          tree.addTree(commit.getTree());
          tree.setFilter(TreeFilter.ALL);
        } else {
          tree.addTree(walk.parseCommit(commit.getParent(0)).getTree());
          tree.addTree(commit.getTree());
          tree.setFilter(TreeFilter.ANY_DIFF);
        }
        int last = tree.getTreeCount() - 1;
        while (tree.next()) {
          if (tree.getRawMode(last) == 0
              || tree.getFileMode(last).getObjectType() != Constants.OBJ_BLOB
              || tree.getFileMode(last) == FileMode.GITLINK) {
            continue;
          }
          String path = tree.getPathString();
          String sha = commit.getName();
          if (isEnvFile(path) && envFiles.add(path)) {
            findings.add(new Finding(Kind.ENV_FILE, sha, path, 0, null));
          }
          ObjectId blob = tree.getObjectId(last);
          if (!seen.add(blob)) {
            continue;
          }
          fileVersions++;
          ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
          if (loader.getSize() > MAX_FILE_BYTES) {
            continue;
          }
          byte[] bytes = loader.getCachedBytes();
          if (!RawText.isBinary(bytes)) {
            scanText(new String(bytes, StandardCharsets.UTF_8), sha, path, findings);
          }
        }
      }
    }
    return new Result(findings, commits, fileVersions);
  }

  private void scanText(String text, String commit, String path, List<Finding> findings) {
    Lines lines = new Lines(text);
    Matcher hex = HEX64.matcher(text);
    while (hex.find()) {
      KeyRef key = keys.apply(hex.group());
      if (key != null) {
        findings.add(new Finding(Kind.KEY_VERSION, commit, path, lines.at(hex.start()), key));
      }
    }
    for (Pattern pattern : List.of(assignment, manifestValue)) {
      Matcher literal = pattern.matcher(text);
      while (literal.find()) {
        if (isLiteral(literal.group(1))) {
          findings.add(
              new Finding(Kind.SECRET_ASSIGNMENT, commit, path, lines.at(literal.start(1)), null));
        }
      }
    }
  }

  /** A value, not a reference to one (variables, templates, placeholders). */
  private static boolean isLiteral(String value) {
    if (value.length() < 6 || value.matches("[A-Z0-9_]+|[xX*.]+")) {
      return false; // too short to be a secret, a constant's name, or a mask
    }
    char first = value.charAt(0);
    return first != '$'
        && first != '<'
        && first != '{'
        && first != '%'
        && first != '('
        && !value.startsWith("process.env")
        && !value.equalsIgnoreCase("valueFrom")
        && !value.equalsIgnoreCase("secretKeyRef");
  }

  static boolean isEnvFile(String path) {
    Matcher matcher = ENV_FILE.matcher(path);
    if (!matcher.find()) {
      return false;
    }
    String suffix = matcher.group(2);
    return suffix == null || !ENV_TEMPLATES.contains(suffix.substring(1).toLowerCase(Locale.ROOT));
  }

  /** Line numbers by character offset, counted forward as matches come in order. */
  private static final class Lines {
    private final String text;
    private int offset;
    private int line = 1;

    Lines(String text) {
      this.text = text;
    }

    int at(int position) {
      if (position < offset) {
        offset = 0;
        line = 1;
      }
      for (; offset < position; offset++) {
        if (text.charAt(offset) == '\n') {
          line++;
        }
      }
      return line;
    }
  }
}
