package dev.vigil.backups.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * The stored form of a backup (documented in docs/backups.md), readable without Vigil:
 *
 * <pre>
 * "VIGILBK1"            8 bytes, ASCII
 * header length         4 bytes, big-endian
 * header                JSON, UTF-8: {@link Header}
 * ciphertext            Tink streaming AEAD (AES256_GCM_HKDF_1MB) of the pg_dump -Fc archive,
 *                       associated data "vigil-backup:&lt;backupId&gt;"
 * </pre>
 */
public final class BackupObject {

  private static final byte[] MAGIC = "VIGILBK1".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_HEADER = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param format 1
   * @param backupId the backup's id, bound into the ciphertext and the wrapped key
   * @param target the target's name
   * @param createdAt when the backup started (RFC 3339)
   * @param cipher {@link BackupCipher#CIPHER}
   * @param kekKeyId the key of the key-encryption keyset that wrapped the data key
   * @param wrappedKey the data key (a Tink keyset) encrypted with the key-encryption key, base64
   */
  public record Header(
      int format,
      UUID backupId,
      String target,
      String createdAt,
      String cipher,
      long kekKeyId,
      String wrappedKey) {

    public byte[] wrappedKeyBytes() {
      return Base64.getDecoder().decode(wrappedKey);
    }
  }

  /** Not a Vigil backup object, or a damaged header. */
  public static class InvalidObjectException extends IOException {
    public InvalidObjectException(String message) {
      super(message);
    }
  }

  /** An object's header and its decrypted archive, read as the archive is read. */
  public record Opened(Header header, InputStream archive) {}

  private BackupObject() {}

  /**
   * Reads the header, unwraps the data key and returns the archive as it decrypts. Every segment is
   * authenticated as it is read; a changed byte fails the read with an {@link IOException}.
   *
   * @throws GeneralSecurityException when no key of the keyset unwraps the data key
   */
  public static Opened open(InputStream object, BackupCipher cipher)
      throws IOException, GeneralSecurityException {
    Header header = readHeader(object);
    InputStream archive =
        cipher
            .open(header.backupId(), header.wrappedKeyBytes())
            .newDecryptingStream(object, BackupCipher.associatedData(header.backupId()));
    return new Opened(header, archive);
  }

  public static void writeHeader(OutputStream out, Header header) throws IOException {
    byte[] json = JSON.writeValueAsBytes(header);
    DataOutputStream data = new DataOutputStream(out);
    data.write(MAGIC);
    data.writeInt(json.length);
    data.write(json);
    data.flush();
  }

  /** Reads the header and leaves the stream at the first ciphertext byte. */
  public static Header readHeader(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = data.readNBytes(MAGIC.length);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new InvalidObjectException("not a Vigil backup object (bad magic)");
    }
    int length = data.readInt();
    if (length <= 0 || length > MAX_HEADER) {
      throw new InvalidObjectException("damaged header length " + length);
    }
    byte[] json = data.readNBytes(length);
    if (json.length != length) {
      throw new InvalidObjectException("truncated header");
    }
    try {
      Header header = JSON.readValue(json, Header.class);
      if (header.format() != 1 || !BackupCipher.CIPHER.equals(header.cipher())) {
        throw new InvalidObjectException("unsupported format or cipher");
      }
      return header;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidObjectException("damaged header");
    }
  }
}
