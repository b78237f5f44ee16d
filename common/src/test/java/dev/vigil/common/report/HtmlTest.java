package dev.vigil.common.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

  @Test
  void shouldEscapeEveryCharacterThatCouldOpenMarkupOrLeaveAnAttribute() {
    assertThat(Html.escape("<a href=\"x\" title='y'>&</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    assertThat(Html.escape(null)).isEmpty();
  }

  @Test
  void shouldPinTheStyleSheetByItsHashAndAllowNothingElse() {
    // SHA-256 of "p{}" in base64, as a browser computes it for the <style> element's text.
    assertThat(Html.contentSecurityPolicy("p{}"))
        .isEqualTo(
            "default-src 'none'; style-src 'sha256-"
                + java.util.Base64.getEncoder().encodeToString(sha256("p{}"))
                + "'; frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(Html.contentSecurityPolicy("p{}")).isNotEqualTo(Html.contentSecurityPolicy("q{}"));
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
