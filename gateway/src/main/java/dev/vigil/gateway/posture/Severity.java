package dev.vigil.gateway.posture;

/** How bad a {@link Finding} is: a FAIL breaks the control, a WARN needs a look. */
public enum Severity {
  FAIL,
  WARN
}
