package io.gpushift.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed CRDs are what users and the Helm chart install, so they must be exactly what the generator makes of
 * the current Java classes. The generator runs in process-classes, before surefire, so its output is always fresh here.
 */
class CrdDriftTest {

  static final Path GENERATED = Path.of("target", "classes", "META-INF", "fabric8");
  static final String FIX = "CRDs drifted from the Java classes: run hack/update-crds.sh (or ./mvnw -pl api "
      + "process-classes and copy api/target/classes/META-INF/fabric8/*.gpushift.io-v1.yml to crds/ and "
      + "helm/gpushift/crds/), then commit them";

  static List<Path> generated() throws IOException {
    try (Stream<Path> files = Files.list(GENERATED)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".gpushift.io-v1.yml")).sorted().toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"../crds", "../helm/gpushift/crds"})
  void committedCopiesMatchTheGenerator(String dir) throws IOException {
    List<Path> generated = generated();
    assertThat(generated).as("generated CRDs").hasSize(4);
    for (Path file : generated) {
      Path committed = Path.of(dir).resolve(file.getFileName());
      assertThat(committed).as(FIX + " (missing " + committed + ")").exists();
      assertThat(Files.readString(committed)).as(FIX + " (" + committed + " differs)")
          .isEqualTo(Files.readString(file));
    }
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      List<String> stale = files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".gpushift.io-v1.yml"))
          .filter(n -> generated.stream().noneMatch(g -> g.getFileName().toString().equals(n)))
          .toList();
      assertThat(stale).as(FIX + " (stale files in " + dir + ")").isEmpty();
    }
  }
}
