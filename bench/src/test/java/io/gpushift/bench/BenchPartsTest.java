package io.gpushift.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The harness's arithmetic and parsing, which every reported figure goes through. */
class BenchPartsTest {

  @Test
  void auditCountsAWatchWhenItStartsAndEverythingElseWhenItCompletes() {
    String watch = "{\"stage\":\"%s\",\"verb\":\"watch\",\"requestReceivedTimestamp\":\"2026-11-25T10:00:00.000001Z\","
        + "\"user\":{\"username\":\"op\"},\"objectRef\":{\"resource\":\"pods\"},\"responseStatus\":{\"code\":200}}";
    assertThat(Audit.parse(watch.formatted("ResponseStarted"))).isNotNull();
    assertThat(Audit.parse(watch.formatted("ResponseComplete"))).isNull();
    Audit.Request patch = Audit.parse("{\"stage\":\"ResponseComplete\",\"verb\":\"patch\","
        + "\"requestReceivedTimestamp\":\"2026-11-25T10:00:01Z\",\"user\":{\"username\":\"op\"},"
        + "\"objectRef\":{\"resource\":\"aiworkloads\",\"subresource\":\"status\",\"namespace\":\"a\",\"name\":\"w\"},"
        + "\"responseStatus\":{\"code\":200}}");
    assertThat(patch.write()).isTrue();
    assertThat(patch.what()).isEqualTo("aiworkloads/status");
    assertThat(Audit.parse("{\"stage\":\"ResponseCompl")).isNull(); // a line still being written
  }

  @Test
  void quantilesInterpolateInsideTheBucketLikeHistogramQuantile() {
    Map<Double, Double> h = new TreeMap<>(Map.of(0.1, 10.0, 0.2, 30.0, 1.0, 40.0, Double.POSITIVE_INFINITY, 40.0));
    assertThat(Prom.quantile(h, 0.5)).isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Prom.quantile(h, 0.25)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Prom.quantile(Map.of(), 0.5)).isNaN();
    String text = "x_bucket{pool=\"a\",le=\"0.1\"} 3.0\nx_bucket{pool=\"b\",le=\"0.1\"} 2.0\ny_bucket{le=\"0.1\"} 9\n";
    assertThat(Prom.buckets(text, "x", "")).containsEntry(0.1, 5.0).hasSize(1);
  }

  @Test
  void theFlipIsClearCut() {
    // Before: coin-00 pays 0.60 USD/GPU-h on consumer cards, more than any AI workload (0.30-0.349) and any other coin.
    // After the crash it pays 0.06: AI takes the consumer cards.
    double perCoinUsd = 0.60 / Farm.COIN0_BEFORE;
    assertThat(Farm.COIN0_AFTER * perCoinUsd).isCloseTo(0.06, org.assertj.core.data.Offset.offset(1e-9));
    Farm farm = new Farm(100);
    assertThat(farm.miningPoolYaml(1)).contains("coinPriceUsd: {value: " + Farm.price(0.245 / perCoinUsd) + "}");
    assertThat(farm.fleetYaml()).contains("count: 10,").doesNotContain("count: 0");
    assertThat(farm.aiWorkloadYaml(3)).contains("gpusPerReplica: 8", "maxReplicas: 2");
    assertThatThrownBy(() -> new Farm(105)).hasMessageContaining("multiple of 10");
  }

  @Test
  void nativeMemoryBecomesATableOfTheLargestParts() {
    String nmt = """
        Native Memory Tracking:

        Total: reserved=1600MB, committed=210MB
               malloc: 30MB #200000

        -                 Java Heap (reserved=128MB, committed=90MB)
                                    (mmap: reserved=128MB, committed=90MB)

        -                     Class (reserved=1030MB, committed=55MB)
        -                    Thread (reserved=60MB, committed=6MB)
        -                     Other (reserved=0MB, committed=0MB)
        """;
    assertThat(Report.nativeMemoryTable(nmt)).isEqualTo("""
        | JVM part | committed MB |
        |---|---|
        | **total** | **210** |
        | Java Heap | 90 |
        | Class | 55 |
        | Thread | 6 |""");
  }

  @Test
  void theOperatorsJvmOptionsComeFromTheChart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path values = dir.resolve("values.yaml");
    java.nio.file.Files.writeString(values, """
        replicaCount: 2
        jvm:
          options: >-
            -XX:MaxRAMPercentage=25
            -XX:ReservedCodeCacheSize=64m
          gc: -XX:+UseSerialGC
          mallocArenaMax: 2
        """);
    JvmOptions jvm = JvmOptions.fromChartValues(values);
    assertThat(jvm.args()).containsExactly("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=25",
        "-XX:ReservedCodeCacheSize=64m");
    assertThat(jvm.mallocArenaMax()).isEqualTo("2");
    assertThat(JvmOptions.fromChartValues(java.nio.file.Path.of("../helm/gpushift/values.yaml")).args())
        .as("the chart itself").contains("-XX:+UseSerialGC");
  }
}
