package dev.vigil.audit.integrity;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;

/** Bounds how many verifications run at once (each reads up to the whole log). */
@ApplicationScoped
public class VerificationPermits {

  private final Semaphore permits;

  VerificationPermits(VerifyConfig config) {
    permits = new Semaphore(Math.max(1, config.concurrent()));
  }

  /** A permit, or false when as many verifications as allowed are running. */
  public boolean tryAcquire() {
    return permits.tryAcquire();
  }

  public void release() {
    permits.release();
  }
}
