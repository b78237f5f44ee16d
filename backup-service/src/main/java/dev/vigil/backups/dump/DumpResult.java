package dev.vigil.backups.dump;

import dev.vigil.backups.snapshot.Manifest;

/** What a finished dump stored, before it is verified. */
public record DumpResult(
    Manifest manifest,
    String pgDumpVersion,
    String objectKey,
    long storedBytes,
    long dumpBytes,
    String dumpSha256,
    String objectSha256,
    long kekKeyId,
    String wrappedKey) {}
