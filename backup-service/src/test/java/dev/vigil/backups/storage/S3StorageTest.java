package dev.vigil.backups.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testing.objectstore.S3rverServer;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/** The S3 backend against s3rver, a real S3-compatible server from the npm registry. */
class S3StorageTest extends StorageContract {

  private static final int PART = 5 * 1024 * 1024;
  private static S3rverServer server;
  private static S3Storage storage;

  @BeforeAll
  static void start() {
    server = S3rverServer.start("backups");
    storage = new S3Storage(client(server.endpoint()), "backups", new KeyPrefix("vigil/"), PART);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  BackupStorage storage() {
    return storage;
  }

  @Override
  int partSize() {
    return PART;
  }

  /** s3rver answers ListMultipartUploads with NotImplemented. */
  @Override
  boolean listsUnfinishedUploads() {
    return false;
  }

  @Test
  void shouldKeepObjectsUnderThePrefix() throws IOException {
    String key = key();
    try (BackupStorage.Upload upload = storage.create(key)) {
      upload.stream().write(random(10));
      upload.commit();
    }

    assertThat(storage.location(key)).isEqualTo("s3://backups/vigil/" + key);
    assertThat(
            client(server.endpoint())
                .headObject(b -> b.bucket("backups").key("vigil/" + key))
                .contentLength())
        .isEqualTo(10);
  }

  @Test
  void shouldNameAMissingBucketInTheFailure() {
    S3Storage missing =
        new S3Storage(client(server.endpoint()), "no-such-bucket", new KeyPrefix(""), PART);

    assertThatThrownBy(missing::probe).isInstanceOf(IOException.class).hasMessageContaining("404");
  }

  static S3Client client(String endpoint) {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(S3rverServer.ACCESS_KEY, S3rverServer.SECRET_KEY)))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }
}
