package io.gpushift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpushift.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code gpushift quote} (the cli classes, the operator's engine) over the quickstart set and the default fleet: the plan
 * a fresh local cluster should converge to. AI takes its 8 replicas on the H100s (2.15 USD/GPU-h there), the miner gets
 * every RTX GPU (profitable at the quickstart's illustrative 45 USD ETC), no H100 mines, and the farm makes money.
 */
class QuickstartQuoteTest {
  static final Path ROOT = Path.of("..");

  static JsonNode quote(Path fleet, Path... dirsOrFiles) throws Exception {
    List<String> files = new ArrayList<>();
    for (Path p : dirsOrFiles) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> files.add(f.toString()));
        }
      } else {
        files.add(p.toString());
      }
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute("quote", "-f", String.join(",", files), "--fleet", fleet.toString(), "-o", "json",
        "--at", "2026-11-25T12:00:00Z");
    assertThat(rc).as("quote exit code; stderr: " + err).isZero();
    return new ObjectMapper().readTree(out.toString());
  }

  @Test
  void quickstartOnTheDefaultFleetGivesAiItsReplicasAndMinesTheRest() throws Exception {
    JsonNode r = quote(ROOT.resolve("localcluster/fleets/default.yaml"), ROOT.resolve("samples/quickstart"));
    JsonNode plan = r.get("plan");
    assertThat(plan.get("gpus").get("default/llm-inference").asInt()).isEqualTo(8);
    assertThat(plan.get("gpus").get("default/etc").asInt()).isEqualTo(8 * 4 + 8 * 8); // every RTX 4090 and 3090
    assertThat(plan.get("profitUsdPerHour").asDouble()).isGreaterThan(10);
    assertThat(plan.get("revenueUsdPerHour").asDouble()).isGreaterThan(plan.get("powerUsdPerHour").asDouble());
    plan.get("nodes").fields().forEachRemaining(n -> {
      if (n.getKey().startsWith("h100")) {
        assertThat(n.getValue().has("default/etc")).as(n.getKey() + " must not mine").isFalse();
        assertThat(n.getValue().path("default/llm-inference").asInt()).as(n.getKey()).isIn(0, 8);
      } else {
        assertThat(n.getValue().path("default/etc").asInt()).as(n.getKey() + " mines").isPositive();
      }
    });
    assertThat(plan.get("explanations").toString()).contains("idle → default/llm-inference");
    // Every option is priced on every product; mining is the worse use of a GPU wherever AI is eligible.
    for (JsonNode line : r.get("options")) {
      if (line.get("option").asText().equals("default/etc") && line.get("eligible").asBoolean()) {
        double mining = line.get("profitUsdPerGpuHour").asDouble();
        assertThat(mining).isPositive();
        for (JsonNode other : r.get("options")) {
          if (other.get("option").asText().equals("default/llm-inference")
              && other.get("gpuProduct").equals(line.get("gpuProduct"))) {
            assertThat(other.get("profitUsdPerGpuHour").asDouble()).isGreaterThan(mining);
          }
        }
      }
    }
  }

  @Test
  void demoFarmAtTheStartLeavesUnprofitableRtxCardsOutOfMining() throws Exception {
    JsonNode r = quote(ROOT.resolve("localcluster/fleets/demo.yaml"),
        Path.of("src/main/resources/demo/farm.yaml"));
    for (JsonNode line : r.get("options")) {
      if (line.get("option").asText().endsWith("/etc") && line.get("gpuProduct").asText().contains("RTX")) {
        assertThat(line.get("eligible").asBoolean()).as("ETC at 18 USD on " + line.get("gpuProduct")).isFalse();
      }
    }
    assertThat(r.get("plan").get("profitUsdPerHour").asDouble()).isPositive();
  }
}
