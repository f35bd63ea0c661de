package io.gpushift.bench;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The operator's JVM as the chart runs it: {@code jvm.gc}, {@code jvm.options} and {@code jvm.mallocArenaMax} of
 * {@code helm/gpushift/values.yaml}, read from there so the benchmark measures what production runs (the chart passes
 * them to the image's start script as GC_CONTAINER_OPTIONS, JAVA_OPTS_APPEND and MALLOC_ARENA_MAX).
 *
 * @param args            JVM arguments in the order the image's script puts them: collector first, then the options
 * @param mallocArenaMax  the MALLOC_ARENA_MAX environment variable, or {@code null}
 */
record JvmOptions(List<String> args, String mallocArenaMax) {

  static JvmOptions fromChartValues(Path values) throws IOException {
    Map<?, ?> root = Serialization.unmarshal(Files.readString(values), Map.class);
    Object jvm = root.get("jvm");
    if (!(jvm instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(values + " has no jvm block");
    }
    List<String> args = new ArrayList<>(split(m.get("gc")));
    args.addAll(split(m.get("options")));
    Object arenas = m.get("mallocArenaMax");
    return new JvmOptions(List.copyOf(args), arenas == null ? null : arenas.toString());
  }

  private static List<String> split(Object value) {
    return value == null ? List.of() : Arrays.stream(value.toString().trim().split("\\s+")).filter(s -> !s.isEmpty())
        .toList();
  }

  /** As the report names it, e.g. {@code MALLOC_ARENA_MAX=2 java -XX:+UseSerialGC ...}. */
  String describe() {
    return (mallocArenaMax == null ? "" : "MALLOC_ARENA_MAX=" + mallocArenaMax + " ") + "java " + String.join(" ", args);
  }
}
