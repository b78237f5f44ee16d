package dev.vigil.gateway.sso;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.common.events.EventJson;
import dev.vigil.common.events.access.PlatformAppObserved;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The newest observation of the platform's enterprise application in one tenant (AUTH-04). */
@Entity
@Table(name = "platform_app_observation")
public class PlatformAppObservation extends PanacheEntityBase {

  @Id
  @Column(name = "tenant_id", length = 64)
  public String tenantId;

  @Column(name = "observed_at", nullable = false)
  public OffsetDateTime observedAt;

  /** The event's data as JSON text. */
  @Column(columnDefinition = "text", nullable = false)
  public String observation;

  @Column(name = "event_id", length = 128, nullable = false)
  public String eventId;

  @Column(name = "received_at", nullable = false)
  public OffsetDateTime receivedAt;

  /** The stored observation, decoded. */
  public PlatformAppObserved data() {
    try {
      return EventJson.MAPPER.readValue(observation, PlatformAppObserved.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored observation of tenant " + tenantId, e);
    }
  }

  static String json(PlatformAppObserved observed) {
    try {
      return EventJson.MAPPER.writeValueAsString(observed);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("observation of tenant " + observed.tenant(), e);
    }
  }
}
