package dev.vigil.devstack;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * An in-memory Kubernetes API server (Fabric8's mock server in CRUD mode) for the local stack and
 * benchmarks: key-service stores and reads its Secrets there as it would in a cluster. Plain HTTP
 * on the loopback address only; everything is lost when it stops.
 */
public final class DevKubernetes {

  private DevKubernetes() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args.length > 0 ? args[0] : "8186");
    KubernetesMockServer server = start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
    System.out.println("Kubernetes API (in memory) on http://127.0.0.1:" + port);
    Thread.currentThread().join();
  }

  /** Starts the API server on the loopback address (port 0: any free port). */
  static KubernetesMockServer start(int port) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    server.init(InetAddress.getLoopbackAddress(), port);
    return server;
  }
}
