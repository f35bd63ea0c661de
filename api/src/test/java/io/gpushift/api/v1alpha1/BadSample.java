package io.gpushift.api.v1alpha1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One file of the bad corpus: an object the API server must refuse, and the `# expect:` lines its error must contain
 * (the first names the field).
 */
record BadSample(Path file, List<String> expects, Map<String, Object> object) {

  static final String EXPECT = "# expect:";

  @SuppressWarnings("unchecked")
  static BadSample load(Path file) {
    try {
      List<String> expects = Files.readAllLines(file).stream()
          .filter(line -> line.startsWith(EXPECT))
          .map(line -> line.substring(EXPECT.length()).strip())
          .toList();
      return new BadSample(file, expects, Samples.YAML.readValue(file.toFile(), Map.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<BadSample> all() {
    return Samples.files("bad").stream().map(BadSample::load).toList();
  }

  String kind() {
    return (String) object.get("kind");
  }

  @Override
  public String toString() {
    return file.getFileName().toString();
  }
}
