package dev.vigil.access.snapshot;

/** Where a source's accounts come from. */
public enum SourceKind {
  /** Microsoft Entra ID, read through Microsoft Graph. */
  ENTRA,
  /** The platform itself, pushing snapshots to the API. */
  PLATFORM
}
