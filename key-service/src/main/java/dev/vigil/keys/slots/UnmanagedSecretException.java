package dev.vigil.keys.slots;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/**
 * The Secret an environment names exists but is not labelled as that environment's key Secret:
 * key-service neither reads nor writes it until an Admin adopts it explicitly.
 */
public class UnmanagedSecretException extends ClientErrorException {

  UnmanagedSecretException(String namespace, String name, String environment) {
    super(
        "Secret "
            + namespace
            + "/"
            + name
            + " is not labelled "
            + KeySecrets.ENVIRONMENT
            + "="
            + environment
            + "; Vigil touches only Secrets it created or an Admin adopted"
            + " (POST .../slots/adopt)",
        Response.Status.CONFLICT);
  }
}
