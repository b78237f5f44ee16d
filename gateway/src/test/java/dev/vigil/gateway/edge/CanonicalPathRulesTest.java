package dev.vigil.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathRulesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/checklist",
        "/api/v1/keys/environments/prod-eu",
        "/api/v1/keys/vault/name%20with%20spaces",
        "/api/v1/audit/entries/a%2Fb",
        "/api/v1/audit/entries/%C3%A9t%C3%A9",
        "/q/health",
        "/"
      })
  void shouldAcceptPathsNoNormalisationWouldChange(String path) {
    assertThat(CanonicalPath.isCanonical(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/%61pi/v1/checklist",
        "/%41PI/v1/checklist",
        "/api/v1/check%2Dlist",
        "/api/v1/%7Euser",
        "/./api/v1/checklist",
        "/api/v1/..",
        "/api/v1/x/%2e%2e/checklist",
        "//api/v1/checklist",
        "/api//v1/checklist",
        "/api;x=1/v1/checklist",
        "/api\\v1/checklist",
        "/api/v1/bad%2",
        "/api/v1/bad%zz",
        "api/v1/checklist",
        ""
      })
  void shouldRefuseEverySecondSpellingOfAPath(String path) {
    assertThat(CanonicalPath.isCanonical(path)).isFalse();
    assertThat(CanonicalPath.underEdgeControl(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"/q/health", "/q/metrics", "/"})
  void shouldLeaveCanonicalNonApiPathsOutsideTheEdgeControls(String path) {
    assertThat(CanonicalPath.underEdgeControl(path)).isFalse();
  }
}
