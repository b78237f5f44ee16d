package dev.vigil.access.controls;

/** What a review campaign covers. */
public enum ReviewScope {
  /** Every member's access (ACC-01). */
  MEMBERS,
  /** Admins and owners only. */
  ADMINS,
  /** Role assignments (ACC-02). */
  ROLES,
  /** API keys (ACC-04). */
  API_KEYS
}
