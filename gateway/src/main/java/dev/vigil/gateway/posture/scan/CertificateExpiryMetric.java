package dev.vigil.gateway.posture.scan;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code vigil_tls_certificate_earliest_expiry_timestamp_seconds}: when the first of the
 * certificates the scanned Ingresses serve expires, as the last posture scan read it. NaN until a
 * scan has read a certificate: no data is not reported as a date.
 */
@Startup
@ApplicationScoped
public class CertificateExpiryMetric {

  private final AtomicReference<Double> earliest = new AtomicReference<>(Double.NaN);

  CertificateExpiryMetric(MeterRegistry registry) {
    Gauge.builder("vigil.tls.certificate.earliest.expiry.timestamp", earliest, AtomicReference::get)
        .description("When the first certificate served by the scanned Ingresses expires")
        .baseUnit("seconds")
        .register(registry);
  }

  void observed(Optional<Instant> notAfter) {
    earliest.set(notAfter.map(at -> (double) at.getEpochSecond()).orElse(Double.NaN));
  }
}
