package dev.vigil.gateway.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checklist's controls and sections, loaded once from the data file {@code
 * vigil/controls.json}.
 */
@ApplicationScoped
public class ControlCatalogue {

  static final String RESOURCE = "vigil/controls.json";

  private record CatalogueFile(
      int version, List<SectionDefinition> sections, List<ControlDefinition> controls) {}

  private final List<SectionDefinition> sections;
  private final Map<String, ControlDefinition> controls = new LinkedHashMap<>();

  public ControlCatalogue() {
    ObjectMapper json =
        new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing");
      }
      CatalogueFile file = json.readValue(in, CatalogueFile.class);
      sections = List.copyOf(file.sections());
      file.controls().forEach(control -> controls.put(control.id(), control));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<SectionDefinition> sections() {
    return sections;
  }

  /** Every control, in checklist order. */
  public List<ControlDefinition> controls() {
    return List.copyOf(controls.values());
  }

  public Optional<ControlDefinition> control(String id) {
    return Optional.ofNullable(controls.get(id));
  }

  /**
   * @throws NotFoundException (404 problem) naming the ID, shortened, when it is not a control
   */
  public ControlDefinition require(String id) {
    return control(id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "control "
                        + (id.length() <= 16 ? id : id.substring(0, 16) + "…")
                        + " is not in the checklist"));
  }
}
