package dev.vigil.keys.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordStrengthTest {

  @Test
  void shouldAcceptALongRandomPassword() {
    assertThat(PasswordStrength.weakness("vT9#qL2!mW7zR4@xK8pN")).isNull();
  }

  @Test
  void shouldNameWhyAPasswordIsWeak() {
    assertThat(PasswordStrength.weakness("")).isEqualTo("empty");
    assertThat(PasswordStrength.weakness("postgres"))
        .isEqualTo("a known default or development password");
    assertThat(PasswordStrength.weakness("Password123!"))
        .isEqualTo("a known default or development password");
    assertThat(PasswordStrength.weakness("Xk3#pL9q")).isEqualTo("shorter than 16 characters");
    assertThat(PasswordStrength.weakness("abababababababababab"))
        .isEqualTo("fewer than 8 distinct characters");
    assertThat(PasswordStrength.weakness("abcdefghijklmnop"))
        .isEqualTo("less than 80 bits of entropy");
  }
}
