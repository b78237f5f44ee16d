package dev.vigil.access.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** Stores a list of names as a JSON array in a text column. */
@Converter
public class StringList implements AttributeConverter<List<String>, String> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> TYPE = new TypeReference<>() {};

  @Override
  public String convertToDatabaseColumn(List<String> values) {
    try {
      return JSON.writeValueAsString(values == null ? List.of() : values);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot store list", e);
    }
  }

  @Override
  public List<String> convertToEntityAttribute(String json) {
    try {
      return json == null ? List.of() : List.copyOf(JSON.readValue(json, TYPE));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored list is not a JSON array", e);
    }
  }
}
