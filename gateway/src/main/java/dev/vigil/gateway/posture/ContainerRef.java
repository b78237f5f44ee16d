package dev.vigil.gateway.posture;

import io.fabric8.kubernetes.api.model.Container;

/**
 * A container of a pod spec with the JSON path it sits at.
 *
 * @param field e.g. {@code spec.template.spec.initContainers[0]}
 * @param container the container
 * @param init whether it is an init container
 */
public record ContainerRef(String field, Container container, boolean init) {

  /** The container's name, {@code ""} when unset. */
  public String name() {
    return Meta.orEmpty(container.getName());
  }
}
