package dev.vigil.common.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** What every self-contained HTML report shares: escaping, and a CSP that pins its style sheet. */
public final class Html {

  /** The style every report starts from: type, headings and tables; reports add their classes. */
  public static final String BASE_STYLE =
      "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1b1f24}"
          + "h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;font-size:1.2em}"
          + "table{border-collapse:collapse;width:100%;margin:.5em 0}"
          + "th,td{border:1px solid #d0d7de;padding:.35em .5em;text-align:left;vertical-align:top}"
          + "th{background:#f6f8fa}.meta td:first-child{width:14em;font-weight:600}"
          + ".small{font-size:.85em;color:#57606a}";

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
