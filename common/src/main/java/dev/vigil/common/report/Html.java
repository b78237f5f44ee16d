package dev.vigil.common.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** What every self-contained HTML report shares: escaping, and a CSP that pins its style sheet. */
public final class Html {

  private Html() {}

  /** Text for element content and quoted attributes. */
  public static String escape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(value.length());
    for (char ch : value.toCharArray()) {
      switch (ch) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(ch);
      }
    }
    return escaped.toString();
  }

  /**
   * Lets exactly this inline style sheet apply (by its SHA-256), and nothing else load, run or
   * frame the page.
   */
  public static String contentSecurityPolicy(String inlineStyle) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(inlineStyle.getBytes(StandardCharsets.UTF_8));
      return "default-src 'none'; style-src 'sha256-"
          + Base64.getEncoder().encodeToString(hash)
          + "'; frame-ancestors 'none'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
