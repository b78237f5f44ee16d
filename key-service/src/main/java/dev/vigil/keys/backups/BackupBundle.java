package dev.vigil.keys.backups;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The offline key-backup format ({@code vigil-key-backup}, version 1): a JSON document with a
 * readable, authenticated header and one AES-256-GCM ciphertext. The key is derived from the
 * operator's passphrase with Argon2id (parameters and salt in the header, so a bundle stays
 * decryptable when the defaults change). The header names the environment and slot versions but no
 * key material; the ciphertext holds the values. Specified in docs/keys.md.
 */
public final class BackupBundle {

  public static final String FORMAT = "vigil-key-backup";
  private static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One key version in a bundle. {@code value} is key material: never log it. */
  public record Entry(String slot, int version, String state, String value) {
    @Override
    public String toString() {
      return "Entry[" + slot + " v" + version + " " + state + "]";
    }
  }

  /** Argon2id cost parameters. */
  public record Kdf(int memoryKib, int iterations, int parallelism) {}

  /** What the readable header says. */
  public record Header(
      UUID backupId, String environment, String createdAt, Map<String, List<Integer>> versions) {}

  /** A decrypted bundle. */
  public record Opened(Header header, List<Entry> entries) {}

  /** A bundle that is malformed, or whose passphrase or content does not authenticate. */
  public static final class InvalidBundleException extends RuntimeException {
    InvalidBundleException(String message) {
      super(message, null, false, false);
    }
  }

  private BackupBundle() {}

  /** Encrypts the entries into a bundle document. */
  public static String seal(Header header, List<Entry> entries, char[] passphrase, Kdf kdf) {
    byte[] salt = new byte[16];
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(nonce);
    ObjectNode headerJson = JSON.createObjectNode();
    headerJson.put("backupId", header.backupId().toString());
    headerJson.put("environment", header.environment());
    headerJson.put("createdAt", header.createdAt());
    headerJson.set("versions", JSON.valueToTree(new TreeMap<>(header.versions())));
    ObjectNode kdfJson = headerJson.putObject("kdf");
    kdfJson.put("algorithm", "argon2id");
    kdfJson.put("version", 19);
    kdfJson.put("memoryKiB", kdf.memoryKib());
    kdfJson.put("iterations", kdf.iterations());
    kdfJson.put("parallelism", kdf.parallelism());
    kdfJson.put("salt", Base64.getEncoder().encodeToString(salt));
    headerJson
        .putObject("cipher")
        .put("algorithm", "AES-256-GCM")
        .put("nonce", Base64.getEncoder().encodeToString(nonce));
    String encodedHeader;
    byte[] plaintext;
    try {
      encodedHeader = Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(headerJson));
      plaintext = JSON.writeValueAsBytes(Map.of("entries", entries));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the bundle", e);
    }
    byte[] key = derive(passphrase, salt, kdf);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(encodedHeader.getBytes(StandardCharsets.US_ASCII));
      byte[] ciphertext = cipher.doFinal(plaintext);
      ObjectNode bundle = JSON.createObjectNode();
      bundle.put("format", FORMAT);
      bundle.put("formatVersion", FORMAT_VERSION);
      bundle.put("header", encodedHeader);
      bundle.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(bundle);
    } catch (GeneralSecurityException | JsonProcessingException e) {
      throw new IllegalStateException("cannot encrypt the bundle", e);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Reads the header without decrypting (no passphrase needed). */
  public static Header header(JsonNode bundle) {
    return parseHeader(headerJson(bundle));
  }

  /**
   * Decrypts and authenticates a bundle. The header's Argon2id cost is only trusted up to {@code
   * limit}: a forged header must not make the service allocate gigabytes before the passphrase is
   * even checked.
   */
  public static Opened open(JsonNode bundle, char[] passphrase, Kdf limit) {
    JsonNode header = headerJson(bundle);
    JsonNode kdf = header.path("kdf");
    if (!"argon2id".equals(kdf.path("algorithm").asText())
        || !"AES-256-GCM".equals(header.path("cipher").path("algorithm").asText())) {
      throw new InvalidBundleException("unsupported kdf or cipher in the bundle header");
    }
    Kdf cost =
        new Kdf(
            kdf.path("memoryKiB").asInt(),
            kdf.path("iterations").asInt(),
            kdf.path("parallelism").asInt());
    if (cost.memoryKib() < 8
        || cost.memoryKib() > 4 * 1024 * 1024
        || cost.iterations() < 1
        || cost.iterations() > 100
        || cost.parallelism() < 1
        || cost.parallelism() > 64) {
      throw new InvalidBundleException("the bundle's Argon2id parameters are out of range");
    }
    refuseAbove(limit, cost);
    byte[] key = null;
    byte[] plaintext = null;
    try {
      byte[] salt = Base64.getDecoder().decode(kdf.path("salt").asText());
      byte[] nonce = Base64.getDecoder().decode(header.path("cipher").path("nonce").asText());
      byte[] ciphertext = Base64.getDecoder().decode(bundle.path("ciphertext").asText());
      key = derive(passphrase, salt, cost);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(bundle.path("header").asText().getBytes(StandardCharsets.US_ASCII));
      plaintext = cipher.doFinal(ciphertext);
      JsonNode content = JSON.readTree(plaintext);
      List<Entry> entries = Arrays.asList(JSON.treeToValue(content.path("entries"), Entry[].class));
      return new Opened(parseHeader(header), entries);
    } catch (AEADBadTagException e) {
      throw new InvalidBundleException(
          "the bundle does not decrypt: wrong passphrase, or the bundle was modified");
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new InvalidBundleException("the bundle is malformed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    } finally {
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /** Checked before any derivation: Argon2 allocates the header's memory cost up front. */
  private static void refuseAbove(Kdf limit, Kdf cost) {
    List<String> excess = new java.util.ArrayList<>();
    if (cost.memoryKib() > limit.memoryKib()) {
      excess.add("memory " + cost.memoryKib() + " KiB > " + limit.memoryKib());
    }
    if (cost.iterations() > limit.iterations()) {
      excess.add("passes " + cost.iterations() + " > " + limit.iterations());
    }
    if (cost.parallelism() > limit.parallelism()) {
      excess.add("lanes " + cost.parallelism() + " > " + limit.parallelism());
    }
    if (!excess.isEmpty()) {
      throw new InvalidBundleException(
          "the bundle's Argon2id cost exceeds this service's limit: " + String.join(", ", excess));
    }
  }

  private static JsonNode headerJson(JsonNode bundle) {
    if (bundle == null
        || !FORMAT.equals(bundle.path("format").asText())
        || bundle.path("formatVersion").asInt() != FORMAT_VERSION
        || !bundle.path("header").isTextual()
        || !bundle.path("ciphertext").isTextual()) {
      throw new InvalidBundleException(
          "not a " + FORMAT + " version " + FORMAT_VERSION + " bundle");
    }
    try {
      return JSON.readTree(Base64.getDecoder().decode(bundle.path("header").asText()));
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new InvalidBundleException("the bundle header is malformed");
    }
  }

  private static Header parseHeader(JsonNode header) {
    try {
      Map<String, List<Integer>> versions =
          JSON.convertValue(
              header.path("versions"),
              JSON.getTypeFactory()
                  .constructMapType(
                      TreeMap.class,
                      JSON.getTypeFactory().constructType(String.class),
                      JSON.getTypeFactory().constructCollectionType(List.class, Integer.class)));
      return new Header(
          UUID.fromString(header.path("backupId").asText()),
          header.path("environment").asText(),
          header.path("createdAt").asText(),
          versions);
    } catch (IllegalArgumentException e) {
      throw new InvalidBundleException("the bundle header is malformed");
    }
  }

  /** At most two derivations at a time: each holds its Argon2 memory until done. */
  private static final Semaphore DERIVATIONS = new Semaphore(2);

  private static byte[] derive(char[] passphrase, byte[] salt, Kdf kdf) {
    DERIVATIONS.acquireUninterruptibly();
    try {
      return argon2id(passphrase, salt, kdf);
    } finally {
      DERIVATIONS.release();
    }
  }

  private static byte[] argon2id(char[] passphrase, byte[] salt, Kdf kdf) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(kdf.memoryKib())
            .withIterations(kdf.iterations())
            .withParallelism(kdf.parallelism())
            .build());
    byte[] key = new byte[32];
    generator.generateBytes(passphrase, key);
    return key;
  }
}
