package dev.vigil.gateway.posture.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {

  static final String DIGEST =
      "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";

  @Test
  void shouldParseARegistryWithAPort() {
    ImageReference image = ImageReference.parse("registry:5000/app:1.2");

    assertThat(image).isEqualTo(new ImageReference("registry:5000", "app", "1.2", null));
    assertThat(image.repository()).isEqualTo("registry:5000/app");
    assertThat(image.mutable()).isFalse();
  }

  @Test
  void shouldNotTakeTheRegistryPortForATag() {
    ImageReference image = ImageReference.parse("registry:5000/team/app");

    assertThat(image.tag()).isNull();
    assertThat(image.repository()).isEqualTo("registry:5000/team/app");
    assertThat(image.mutable()).isTrue();
  }

  @Test
  void shouldParseDigests() {
    assertThat(ImageReference.parse("app@" + DIGEST))
        .isEqualTo(new ImageReference(null, "app", null, DIGEST));
    assertThat(ImageReference.parse("ghcr.io/vigil/app:1.2@" + DIGEST))
        .isEqualTo(new ImageReference("ghcr.io", "vigil/app", "1.2", DIGEST));
    assertThat(ImageReference.parse("app:latest@" + DIGEST).mutable()).isFalse();
  }

  @Test
  void shouldTellDockerHubPathsFromRegistries() {
    assertThat(ImageReference.parse("bitnami/postgresql:16").registry()).isNull();
    assertThat(ImageReference.parse("localhost/app:1").registry()).isEqualTo("localhost");
    assertThat(ImageReference.parse("postgres:16").canonicalRepository())
        .isEqualTo("docker.io/library/postgres");
    assertThat(ImageReference.parse("docker.io/bitnami/postgresql").canonicalRepository())
        .isEqualTo("docker.io/bitnami/postgresql");
  }

  @Test
  void shouldCallLatestAndUntaggedMutable() {
    assertThat(ImageReference.parse("nginx").mutable()).isTrue();
    assertThat(ImageReference.parse("nginx:latest").mutable()).isTrue();
    assertThat(ImageReference.parse("nginx:1.27").mutable()).isFalse();
  }
}
