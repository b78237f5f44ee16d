package dev.vigil.backups.storage;

import java.util.Optional;

/** A folder-like prefix inside a bucket or container, so one can be shared with other data. */
record KeyPrefix(String value) {

  KeyPrefix {
    value = value == null ? "" : value.strip();
    while (value.startsWith("/")) {
      value = value.substring(1);
    }
    if (!value.isEmpty() && !value.endsWith("/")) {
      value = value + "/";
    }
  }

  static KeyPrefix of(Optional<String> prefix) {
    return new KeyPrefix(prefix.orElse(""));
  }

  /** The stored name of a key; refuses keys that could escape the prefix. */
  String apply(String key) {
    if (key == null || key.isBlank() || key.startsWith("/") || key.contains("..")) {
      throw new IllegalArgumentException("invalid object key");
    }
    return value + key;
  }

  /** The key of a stored name under this prefix. */
  String strip(String name) {
    return name.substring(value.length());
  }
}
