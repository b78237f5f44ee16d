package dev.vigil.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code bench/run key-rewrap}: the re-encryption job of a running key-service (rotate, then every
 * vault credential rewrapped to the new version through its batches, transactions and progress
 * writes) against a baseline, in the same run, of plain AES-GCM decrypt and encrypt plus batched
 * JDBC UPDATEs of the same rows. The seeded ciphertexts use the documented vault format, and a
 * sample is read back through the service before and after to prove both sides did real work.
 *
 * <p>Arguments: key-service URL, admin token, service token, JDBC URL of its database, Kubernetes
 * API URL, number of credentials.
 */
public final class KeyRewrapBench {

  private static final String SLOT = "DEVICE_ENCRYPTION_KEY";

  /** As key-service's default vigil.keys.reencryption.batch-size. */
  private static final int BATCH = 1000;

  private static final SecureRandom RANDOM = new SecureRandom();
  private final KeyServiceClient client;
  private final String adminToken;
  private final String serviceToken;
  private final String jdbc;
  private final int count;
  private String environment;
  private final String seed = UUID.randomUUID().toString();

  private KeyRewrapBench(String[] args) {
    client = new KeyServiceClient(args[0], args[4]);
    adminToken = args[1];
    serviceToken = args[2];
    jdbc = args[3];
    count = Integer.parseInt(args[5]);
  }

  public static void main(String[] args) throws Exception {
    new KeyRewrapBench(args).run();
  }

  private void run() throws Exception {
    environment = client.environmentWithKeys(adminToken);
    client.bind(environment, adminToken, serviceToken);
    SecretKey v1 =
        new SecretKeySpec(HexFormat.of().parseHex(client.slotValue(environment, SLOT)), "AES");
    try (Connection db = DriverManager.getConnection(jdbc)) {
      long environmentId = environmentId(db);
      seed(db, environmentId, v1);
      checkSample("before", 1);

      long started = System.nanoTime();
      rewrapWithJdbc(db, environmentId, v1);
      double baselineSeconds = (System.nanoTime() - started) / 1e9;
      vacuum(db);
      checkSample("after the baseline", 1);

      client.call(
          "POST",
          "/api/v1/keys/environments/" + environment + "/slots/" + SLOT + "/rotate",
          adminToken,
          "{\"reason\":\"benchmark\"}",
          200);
      double serviceSeconds = awaitJob(db, environmentId);
      checkSample("after re-encryption", 2);
      try (PreparedStatement left =
          db.prepareStatement(
              "SELECT count(*) FROM stored_credential WHERE environment_id = ? AND key_version <> 2")) {
        left.setLong(1, environmentId);
        try (ResultSet rows = left.executeQuery()) {
          rows.next();
          if (rows.getLong(1) != 0) {
            throw new IllegalStateException(rows.getLong(1) + " credentials were not rewrapped");
          }
        }
      }

      double rate = count / serviceSeconds;
      double baseline = count / baselineSeconds;
      System.out.printf(
          "service: %d credentials in %.2f s (job start to finish)%n", count, serviceSeconds);
      System.out.printf(
          "baseline: %d credentials in %.2f s (JDBC, AES-GCM, batched UPDATE)%n",
          count, baselineSeconds);
      System.out.printf(
          "key-rewrap: %.0f credentials/s, baseline %.0f credentials/s, ratio %.2f%n",
          rate, baseline, rate / baseline);
    }
  }

  private void seed(Connection db, long environmentId, SecretKey key) throws Exception {
    db.setAutoCommit(false);
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO stored_credential (environment_id, slot, name, key_version, ciphertext, updated_at)"
                + " VALUES (?, ?, ?, 1, ?, now())")) {
      for (int i = 0; i < count; i++) {
        String name = name(i);
        insert.setLong(1, environmentId);
        insert.setString(2, SLOT);
        insert.setString(3, name);
        insert.setString(4, seal(key, 1, name, value(i).getBytes(StandardCharsets.UTF_8)));
        insert.addBatch();
        if (i % 1000 == 999 || i == count - 1) {
          insert.executeBatch();
          db.commit();
        }
      }
    }
    db.setAutoCommit(true);
    vacuum(db);
    System.out.printf("seeded %d credentials in %s/%s%n", count, environment, SLOT);
  }

  /** The baseline: the same rows rewrapped (same version, fresh nonce) with plain JDBC. */
  private void rewrapWithJdbc(Connection db, long environmentId, SecretKey key) throws Exception {
    db.setAutoCommit(false);
    long after = 0;
    try (PreparedStatement select =
            db.prepareStatement(
                "SELECT id, name, ciphertext FROM stored_credential WHERE environment_id = ? AND id > ?"
                    + " ORDER BY id LIMIT "
                    + BATCH
                    + " FOR UPDATE");
        PreparedStatement update =
            db.prepareStatement(
                "UPDATE stored_credential SET ciphertext = ?, updated_at = now() WHERE id = ?")) {
      while (true) {
        select.setLong(1, environmentId);
        select.setLong(2, after);
        int rows = 0;
        try (ResultSet batch = select.executeQuery()) {
          while (batch.next()) {
            rows++;
            after = batch.getLong(1);
            String name = batch.getString(2);
            byte[] plaintext = open(key, 1, name, batch.getString(3));
            update.setString(1, seal(key, 1, name, plaintext));
            update.setLong(2, after);
            update.addBatch();
          }
        }
        if (rows == 0) {
          break;
        }
        update.executeBatch();
        db.commit();
      }
    }
    db.setAutoCommit(true);
  }

  private double awaitJob(Connection db, long environmentId) throws Exception {
    long lastReport = 0;
    while (true) {
      try (PreparedStatement job =
          db.prepareStatement(
              "SELECT state, done, total, failed, extract(epoch FROM finished_at - started_at)"
                  + " FROM reencryption_job WHERE environment_id = ? ORDER BY id DESC LIMIT 1")) {
        job.setLong(1, environmentId);
        try (ResultSet row = job.executeQuery()) {
          if (row.next()) {
            String state = row.getString(1);
            if (!state.equals("RUNNING")) {
              if (!state.equals("COMPLETED") || row.getLong(2) != count) {
                throw new IllegalStateException(
                    "job ended "
                        + state
                        + " with "
                        + row.getLong(2)
                        + " done, "
                        + row.getLong(4)
                        + " failed");
              }
              return row.getDouble(5);
            }
            if (System.nanoTime() - lastReport > 2_000_000_000L) {
              System.out.printf("re-encryption: %d/%d%n", row.getLong(2), row.getLong(3));
              lastReport = System.nanoTime();
            }
          }
        }
      }
      Thread.sleep(50);
    }
  }

  /** Reads credentials back through the service: they decrypt to what was seeded. */
  private void checkSample(String when, int version) throws Exception {
    for (int n = 0; n < 20; n++) {
      int i = RANDOM.nextInt(count);
      String body =
          client.call(
              "GET",
              "/api/v1/keys/environments/" + environment + "/credentials/" + name(i),
              serviceToken,
              null,
              200);
      if (!body.contains("\"value\":\"" + value(i) + "\"")
          || !body.contains("\"keyVersion\":" + version)) {
        throw new IllegalStateException("credential " + i + " does not read back " + when);
      }
    }
  }

  private String seal(SecretKey key, int version, String name, byte[] plaintext) throws Exception {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
    cipher.updateAAD(associatedData(version, name));
    byte[] sealed = cipher.doFinal(plaintext);
    return "vigil:v"
        + version
        + ":"
        + Base64.getEncoder()
            .encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
  }

  private byte[] open(SecretKey key, int version, String name, String ciphertext) throws Exception {
    byte[] sealed =
        Base64.getDecoder().decode(ciphertext.substring(ciphertext.indexOf(':', 7) + 1));
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
    cipher.updateAAD(associatedData(version, name));
    return cipher.doFinal(sealed, 12, sealed.length - 12);
  }

  /** The vault's associated data: environment, slot, version, then the credential's name. */
  private byte[] associatedData(int version, String name) {
    byte[] label =
        ("vigil:" + environment + "/" + SLOT + ":v" + version).getBytes(StandardCharsets.UTF_8);
    byte[] context = ("credential:" + name).getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(label.length + 1 + context.length)
        .put(label)
        .put((byte) 0)
        .put(context)
        .array();
  }

  private long environmentId(Connection db) throws Exception {
    try (PreparedStatement select =
        db.prepareStatement("SELECT id FROM key_environment WHERE name = ?")) {
      select.setString(1, environment);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static void vacuum(Connection db) throws Exception {
    try (Statement statement = db.createStatement()) {
      statement.execute("VACUUM ANALYZE stored_credential");
    }
  }

  private String name(int i) {
    return "bench-credential-" + i;
  }

  private String value(int i) {
    return "secret-" + i + "-" + seed;
  }
}
