package dev.vigil.common.compliance;

/** The status of one checklist control. */
public enum ControlStatus {
  /** Evidence shows the control is met. */
  PASS,
  /** Evidence shows the control is not met. */
  FAIL,
  /** Met, but due soon (a rotation, review or certificate is close to its limit). */
  WARN,
  /** No current evidence: never evaluated, or the last evaluation is past its valid-until. */
  UNKNOWN,
  /** A named person confirmed it, until an expiry. */
  ATTESTED
}
