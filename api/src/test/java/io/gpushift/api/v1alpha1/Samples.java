package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Loads the YAML samples under src/test/resources (valid/ and bad/) for the unit tests and the ITs. */
final class Samples {

  static final Path ROOT = Path.of("src", "test", "resources");
  /** Strict: a field the classes do not know is a typo in a sample, not something to ignore. */
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "GPUNodePool", GPUNodePool.class, "MiningPool", MiningPool.class, "AIWorkload", AIWorkload.class,
      "MarketFeed", MarketFeed.class);

  private Samples() {
  }

  static List<Path> files(String dir) {
    try (Stream<Path> files = Files.list(ROOT.resolve(dir))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HasMetadata read(Path file) {
    try {
      JsonNode tree = YAML.readTree(file.toFile());
      Class<? extends HasMetadata> type = KINDS.get(tree.path("kind").asText());
      if (type == null) {
        throw new IllegalArgumentException(file + ": unknown kind " + tree.path("kind"));
      }
      return YAML.treeToValue(tree, type);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }
}
