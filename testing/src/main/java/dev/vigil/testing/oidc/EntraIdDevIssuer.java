package dev.vigil.testing.oidc;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the local Entra-ID-shaped issuer as a process for the development stack. Arguments: port,
 * tenant id, client id.
 */
public final class EntraIdDevIssuer {

  private EntraIdDevIssuer() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8180;
    String tenant = args.length > 1 ? args[1] : EntraIdTestResource.TENANT_ID;
    String client = args.length > 2 ? args[2] : EntraIdTestResource.CLIENT_ID;
    EntraIdIssuer issuer = EntraIdIssuer.start(port, tenant, client);
    Runtime.getRuntime().addShutdownHook(new Thread(issuer::close));
    System.out.println("Local Entra ID issuer: " + issuer.issuer());
    new CountDownLatch(1).await();
  }
}
