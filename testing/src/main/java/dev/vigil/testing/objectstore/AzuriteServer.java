package dev.vigil.testing.objectstore;

import java.util.List;

/**
 * Azurite's Blob service with its well-known development account {@code devstoreaccount1} (the
 * public key Microsoft documents for the emulator; not a secret).
 */
public final class AzuriteServer extends NodeServer {

  private static final String ACCOUNT = "devstoreaccount1";
  private static final String ACCOUNT_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private AzuriteServer() {
    super(
        "azurite-blob",
        "azurite",
        (port, dataDirectory) ->
            List.of(
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                String.valueOf(port),
                "--location",
                dataDirectory.toString(),
                "--silent",
                "--skipApiVersionCheck",
                "--disableTelemetry"));
  }

  public static AzuriteServer start() {
    return new AzuriteServer();
  }

  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName="
        + ACCOUNT
        + ";AccountKey="
        + ACCOUNT_KEY
        + ";BlobEndpoint=http://127.0.0.1:"
        + port()
        + "/"
        + ACCOUNT
        + ";";
  }
}
