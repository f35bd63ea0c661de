package io.gpushift.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What `kubectl explain` shows: every property of every schema must say what it is. */
class CrdDescriptionsTest {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void everyPropertyHasADescription() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path crd : CrdDriftTest.generated()) {
      JsonNode version = YAML.readTree(crd.toFile()).path("spec").path("versions").get(0);
      JsonNode root = version.path("schema").path("openAPIV3Schema");
      walk(crd.getFileName() + ":", root, missing);
    }
    assertThat(missing).as("properties without a description").isEmpty();
  }

  @Test
  void theWalkerSeesEveryKindsSpecAndStatus() throws IOException {
    int properties = 0;
    for (Path crd : CrdDriftTest.generated()) {
      JsonNode root = YAML.readTree(crd.toFile()).at("/spec/versions/0/schema/openAPIV3Schema");
      assertThat(root.path("properties").has("spec")).isTrue();
      assertThat(root.path("properties").has("status")).isTrue();
      properties += count(root);
    }
    // Guards the test above against passing vacuously on an empty schema.
    assertThat(properties).isGreaterThan(100);
  }

  static void walk(String path, JsonNode schema, List<String> missing) {
    if (!schema.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      String at = path + "." + property.getKey();
      if (property.getValue().path("description").asText("").isBlank()) {
        missing.add(at);
      }
      walk(at, property.getValue(), missing);
    }
    walk(path + "[]", schema.path("items"), missing);
    walk(path + "{}", schema.path("additionalProperties"), missing);
  }

  static int count(JsonNode schema) {
    if (!schema.isObject()) {
      return 0;
    }
    int n = 0;
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      n += 1 + count(property.getValue());
    }
    return n + count(schema.path("items")) + count(schema.path("additionalProperties"));
  }
}
