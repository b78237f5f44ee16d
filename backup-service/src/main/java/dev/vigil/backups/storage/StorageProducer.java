package dev.vigil.backups.storage;

import com.azure.identity.WorkloadIdentityCredentialBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import dev.vigil.backups.BackupsConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The configured storage backend. Misconfiguration stops the start with the key to fix; backup jobs
 * already retry failed storage operations, so the SDKs' own retries are kept short.
 */
public class StorageProducer {

  @Produces
  @Singleton
  BackupStorage storage(BackupsConfig config) {
    BackupsConfig.Storage storage = config.storage();
    return switch (storage.kind()) {
      case "filesystem" -> new FilesystemStorage(Path.of(storage.directory()));
      case "s3" -> s3(storage.s3());
      case "azure-blob" -> azure(storage.azure());
      default ->
          throw new IllegalStateException(
              "vigil.backups.storage.kind "
                  + storage.kind()
                  + " is not supported (supported: filesystem, s3, azure-blob)");
    };
  }

  static S3Storage s3(BackupsConfig.S3 config) {
    String bucket = required(config.bucket().orElse(null), "vigil.backups.storage.s3.bucket");
    if (config.partSize() < 5 * 1024 * 1024) {
      throw new IllegalStateException("vigil.backups.storage.s3.part-size must be at least 5 MiB");
    }
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
            .region(Region.of(config.region()))
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .forcePathStyle(config.pathStyle())
            // Signed whole-part bodies: some S3-compatible servers store aws-chunked framing as
            // data.
            .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
            // Checksums only where S3 requires them: the backup carries its own SHA-256 and
            // AEAD tags, and many S3-compatible servers reject the newer trailing checksums.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    config.endpoint().ifPresent(builder::endpointOverride);
    return new S3Storage(builder.build(), bucket, KeyPrefix.of(config.prefix()), config.partSize());
  }

  static AzureBlobStorage azure(BackupsConfig.Azure config) {
    String container =
        required(config.container().orElse(null), "vigil.backups.storage.azure.container");
    BlobServiceClientBuilder builder =
        new BlobServiceClientBuilder()
            .retryOptions(
                new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 2, 60, 1000L, 4000L, null));
    switch (config.auth()) {
      case "connection-string" ->
          builder.connectionString(
              required(
                  config.connectionString().orElse(null),
                  "vigil.backups.storage.azure.connection-string"));
      case "workload-identity" ->
          builder
              .endpoint(
                  required(config.endpoint().orElse(null), "vigil.backups.storage.azure.endpoint"))
              .credential(new WorkloadIdentityCredentialBuilder().build());
      default ->
          throw new IllegalStateException(
              "vigil.backups.storage.azure.auth "
                  + config.auth()
                  + " is not supported (supported: connection-string, workload-identity)");
    }
    BlobContainerClient client = builder.buildClient().getBlobContainerClient(container);
    return new AzureBlobStorage(client, KeyPrefix.of(config.prefix()), config.blockSize());
  }

  private static String required(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(key + " is required for this storage kind");
    }
    return value;
  }
}
