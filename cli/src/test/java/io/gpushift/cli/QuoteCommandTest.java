package io.gpushift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gpushift quote} end to end: YAML in, the documented JSON out, computed by the engine. */
class QuoteCommandTest {
    @TempDir
    Path dir;

    static final String FLEET = """
            apiVersion: gpushift.io/v1alpha1
            kind: Fleet
            nodeGroups:
              - {name: h100, count: 1, gpuProduct: NVIDIA-H100-80GB-HBM3, gpuMemoryMiB: 81559, gpusPerNode: 8}
              - {name: rtx3090, count: 2, gpuProduct: NVIDIA-GeForce-RTX-3090, gpuMemoryMiB: 24576, gpusPerNode: 8}
            """;

    // Hand-computed: ETC on a 3090 at 120 MH/s, network 100 TH/s, 13 s blocks, 2.048 ETC, no fees:
    // coins/day = 120e6/100e12 × 86400/13 × 2.048 = 0.0163337...; at $40 → $0.65335/day = $0.0272229/h.
    // Power 300 W × $0.02/kWh × PUE 1.0 = $0.006/h → profit $0.0212229/h. Idle 70 W → $0.0014/h.
    // AI on the H100 only, $2.00/GPU-h at 700 W → power $0.014/h → profit $1.986/h, 1 GPU per replica, max 8.
    static final String RESOURCES = """
            apiVersion: gpushift.io/v1alpha1
            kind: GPUNodePool
            metadata: {name: farm}
            spec:
              electricity: {usdPerKWh: 0.02}
            ---
            apiVersion: gpushift.io/v1alpha1
            kind: MiningPool
            metadata: {name: etc, namespace: mining}
            spec:
              coin: ETC
              algorithm: etchash
              endpoints: ["stratum+tcp://etc.example-pool.org:1010"]
              wallet: "0xabc"
              miner: {image: example/miner:1}
              profiles:
                - {gpuProduct: NVIDIA-GeForce-RTX-3090, hashrate: 120M, watts: 300}
              revenue:
                network:
                  blockReward: {value: 2.048}
                  blockTimeSeconds: {value: 13}
                  networkHashrate: {value: 100T}
                  coinPriceUsd: {value: 40}
            ---
            apiVersion: gpushift.io/v1alpha1
            kind: AIWorkload
            metadata: {name: train, namespace: ai}
            spec:
              template: {spec: {containers: [{name: t, image: example/train:1}]}}
              maxReplicas: 8
              requirements: {gpuProducts: [NVIDIA-H100-80GB-HBM3]}
              profiles:
                - {gpuProduct: NVIDIA-H100-80GB-HBM3, revenuePerGpuHour: {value: 2.0}, watts: 700}
            """;

    static CliRun quote(String... args) {
        return CliRun.of(args);
    }

    @Test
    void jsonLedgerAndPlanMatchHandComputedEconomics() throws IOException {
        Path resources = Files.writeString(dir.resolve("resources.yaml"), RESOURCES);
        Path fleet = Files.writeString(dir.resolve("fleet.yaml"), FLEET);

        CliRun run = quote("quote", "-f", resources.toString(), "--fleet", fleet.toString(), "-o", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode etc = line(json, "NVIDIA-GeForce-RTX-3090", "mining/etc");
        assertThat(etc.path("kind").asText()).isEqualTo("mining");
        assertThat(etc.path("coinsPerDay").asDouble()).isCloseTo(0.016334, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(etc.path("revenueUsdPerGpuHour").asDouble()).isEqualTo(0.0272);
        assertThat(etc.path("powerUsdPerGpuHour").asDouble()).isEqualTo(0.006);
        assertThat(etc.path("profitUsdPerGpuHour").asDouble()).isEqualTo(0.0212);
        JsonNode train = line(json, "NVIDIA-H100-80GB-HBM3", "ai/train");
        assertThat(train.path("kind").asText()).isEqualTo("ai");
        assertThat(train.path("profitUsdPerGpuHour").asDouble()).isEqualTo(1.986);
        assertThat(line(json, "NVIDIA-H100-80GB-HBM3", "idle").path("powerUsdPerGpuHour").asDouble()).isEqualTo(0.0014);

        // From idle, every 3090 GPU mines (profitable) and every H100 GPU trains.
        assertThat(json.at("/plan/gpus/mining~1etc").asInt()).isEqualTo(16);
        assertThat(json.at("/plan/gpus/ai~1train").asInt()).isEqualTo(8);
        assertThat(json.at("/plan/nodes/rtx3090-01/mining~1etc").asInt()).isEqualTo(8);
    }

    @Test
    void tableNamesEveryOptionAndThePlan() throws IOException {
        Path resources = Files.writeString(dir.resolve("resources.yaml"), RESOURCES + "---\n" + FLEET);
        CliRun run = quote("quote", "-f", resources.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("mining/etc", "ai/train", "PLAN", "idle → ai/train");
    }

    @Test
    void aMissingFleetIsAClearError() throws IOException {
        Path resources = Files.writeString(dir.resolve("resources.yaml"), RESOURCES);
        CliRun run = quote("quote", "-f", resources.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no Fleet document", "--fleet");
    }

    @Test
    void anUnknownKindNamesTheFileAndDocument() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), RESOURCES + "---\napiVersion: v1\nkind: ConfigMap\n");
        CliRun run = quote("quote", "-f", bad.toString());
        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("bad.yaml", "document 4", "ConfigMap");
    }

    @Test
    void badInputIsReportedAgainstTheObjectAndFieldAndExitsNonZero() throws IOException {
        Path resources = Files.writeString(dir.resolve("resources.yaml"),
                RESOURCES.replace("coinPriceUsd: {value: 40}", "coinPriceUsd: {feedRef: {name: coingecko}}") + "---\n" + FLEET);
        CliRun run = quote("quote", "-f", resources.toString(), "-o", "json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("findings").toString()).contains("mining/etc", "coinPriceUsd");
        assertThat(json.at("/plan/gpus/mining~1etc").asInt()).isZero();
    }

    @Test
    void readsADirectoryOfSamplesAsTheReadmeShows() throws IOException {
        CliRun run = quote("quote", "-f", "../samples/quickstart", "--fleet", "../localcluster/fleets/default.yaml", "-o", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        // 20 nodes of the default fleet are priced; the inference workload gets its 8 replicas.
        assertThat(json.path("options").size()).isGreaterThan(3);
        assertThat(json.at("/plan/gpus/default~1llm-inference").asInt()).isEqualTo(8);
    }

    static JsonNode line(JsonNode json, String product, String option) {
        for (JsonNode l : json.path("options")) {
            if (l.path("gpuProduct").asText().equals(product) && l.path("option").asText().equals(option)) return l;
        }
        throw new AssertionError("no ledger line for " + product + " / " + option + " in " + json.path("options"));
    }
}
