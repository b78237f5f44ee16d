package dev.vigil.backups.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Objects in an S3 bucket (AWS, or any S3-compatible server). An upload is a multipart upload:
 * parts stream up as they fill, and the object only exists once {@code CompleteMultipartUpload}
 * succeeds. A crash before that leaves an incomplete multipart upload, which S3 never lists as an
 * object; {@link #unfinished()} finds it through {@code ListMultipartUploads}.
 */
public final class S3Storage implements BackupStorage {

  private static final Logger LOG = Logger.getLogger(S3Storage.class);
  private static final String UPLOAD_ID = "?uploadId=";

  private final S3Client s3;
  private final String bucket;
  private final KeyPrefix prefix;
  private final int partSize;
  private final AtomicBoolean listingUnsupportedLogged = new AtomicBoolean();

  public S3Storage(S3Client s3, String bucket, KeyPrefix prefix, int partSize) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
    this.partSize = partSize;
  }

  @Override
  public String kind() {
    return "s3";
  }

  @Override
  public String location(String key) {
    return "s3://" + bucket + "/" + prefix.apply(key);
  }

  @Override
  public Upload create(String key) throws IOException {
    String name = prefix.apply(key);
    String uploadId =
        call(() -> s3.createMultipartUpload(b -> b.bucket(bucket).key(name)).uploadId());
    List<CompletedPart> parts = new ArrayList<>();
    PartBuffer stream =
        new PartBuffer(
            partSize,
            (number, bytes, length) ->
                parts.add(
                    CompletedPart.builder()
                        .partNumber(number)
                        .eTag(
                            call(
                                () ->
                                    s3.uploadPart(
                                            b ->
                                                b.bucket(bucket)
                                                    .key(name)
                                                    .uploadId(uploadId)
                                                    .partNumber(number),
                                            RequestBody.fromByteBuffer(
                                                ByteBuffer.wrap(bytes, 0, length)))
                                        .eTag()))
                        .build()));
    return new Upload() {
      private boolean committed;

      @Override
      public OutputStream stream() {
        return stream;
      }

      @Override
      public void commit() throws IOException {
        stream.finish();
        call(
            () ->
                s3.completeMultipartUpload(
                    b ->
                        b.bucket(bucket)
                            .key(name)
                            .uploadId(uploadId)
                            .multipartUpload(
                                CompletedMultipartUpload.builder().parts(parts).build())));
        committed = true;
      }

      @Override
      public void close() {
        if (!committed) {
          abort(name, uploadId);
        }
      }
    };
  }

  @Override
  public InputStream open(String key) throws IOException {
    String name = prefix.apply(key);
    try {
      return call(() -> s3.getObject(b -> b.bucket(bucket).key(name)));
    } catch (IOException e) {
      if (e.getCause() instanceof NoSuchKeyException) {
        throw new java.nio.file.NoSuchFileException(location(key));
      }
      throw e;
    }
  }

  @Override
  public void delete(String key) throws IOException {
    String name = prefix.apply(key);
    call(() -> s3.deleteObject(b -> b.bucket(bucket).key(name)));
  }

  @Override
  public List<String> list() throws IOException {
    return call(
        () ->
            s3
                .listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix.value()))
                .contents()
                .stream()
                .map(S3Object::key)
                .map(prefix::strip)
                .toList());
  }

  @Override
  public List<String> unfinished() throws IOException {
    try {
      return call(
          () ->
              s3
                  .listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix.value()))
                  .uploads()
                  .stream()
                  .map(u -> prefix.strip(u.key()) + UPLOAD_ID + u.uploadId())
                  .toList());
    } catch (IOException e) {
      if (notImplemented(e)) {
        // Some S3-compatible servers do not list multipart uploads; the bucket's
        // AbortIncompleteMultipartUpload lifecycle rule is then the only clean-up.
        if (listingUnsupportedLogged.compareAndSet(false, true)) {
          LOG.warnf(
              "Bucket %s's server does not list multipart uploads; unfinished uploads are left "
                  + "to its AbortIncompleteMultipartUpload lifecycle rule",
              bucket);
        }
        return List.of();
      }
      throw e;
    }
  }

  @Override
  public void abortUnfinished(String name) throws IOException {
    int at = name.indexOf(UPLOAD_ID);
    if (at < 0) {
      throw new IllegalArgumentException("not an unfinished upload: " + name);
    }
    String key = prefix.apply(name.substring(0, at));
    String uploadId = name.substring(at + UPLOAD_ID.length());
    call(() -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)));
  }

  @Override
  public void probe() throws IOException {
    call(() -> s3.headBucket(b -> b.bucket(bucket)));
  }

  private void abort(String name, String uploadId) {
    try {
      call(() -> s3.abortMultipartUpload(b -> b.bucket(bucket).key(name).uploadId(uploadId)));
    } catch (IOException e) {
      LOG.warnf("Could not abort the multipart upload of %s: %s", name, e.getMessage());
    }
  }

  private static boolean notImplemented(IOException e) {
    return e.getCause() instanceof S3Exception s3e
        && (s3e.statusCode() == 501 || "NotImplemented".equals(s3e.awsErrorDetails().errorCode()));
  }

  /** SDK exceptions are unchecked; the backup pipeline expects storage failures as IOException. */
  private static <T> T call(Supplier<T> call) throws IOException {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new IOException(reason(e), e);
    }
  }

  private static String reason(SdkException e) {
    if (e instanceof S3Exception s3e && s3e.awsErrorDetails() != null) {
      return s3e.awsErrorDetails().errorCode() + " (HTTP " + s3e.statusCode() + ")";
    }
    return e.getMessage();
  }
}
