package dev.vigil.testing.objectstore;

import java.util.List;

/**
 * s3rver, an S3-compatible server, with one bucket created at start. It accepts the access key
 * {@code S3RVER} with the secret {@code S3RVER} and serves path-style requests.
 */
public final class S3rverServer extends NodeServer {

  public static final String ACCESS_KEY = "S3RVER";
  public static final String SECRET_KEY = "S3RVER";

  private final String bucket;

  private S3rverServer(String bucket) {
    super(
        "s3rver",
        "s3rver",
        (port, dataDirectory) ->
            List.of(
                "--directory",
                dataDirectory.toString(),
                "--address",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--silent",
                "--configure-bucket",
                bucket));
    this.bucket = bucket;
  }

  /** Starts a server holding one empty bucket. */
  public static S3rverServer start(String bucket) {
    return new S3rverServer(bucket);
  }

  public String bucket() {
    return bucket;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }
}
