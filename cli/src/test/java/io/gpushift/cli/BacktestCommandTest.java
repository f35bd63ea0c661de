package io.gpushift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpushift.cli.backtest.Backtest;
import io.gpushift.cli.backtest.MarketSeries;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gpushift backtest} end to end on tiny hand-computed histories, and its errors. */
class BacktestCommandTest {
    @TempDir
    Path dir;

    /**
     * One RTX 3090 node with one GPU, power 0.10 $/kWh, PUE 1. Mining (hashprice, 1 MH/s, 1,000 W) earns the CSV's
     * {@code hp.usd_per_mhs_day} / 24 per hour and costs 0.10 $/h of power; warm-up 360 s = 0.1 h of its revenue.
     * AI (1,000 W, 1 replica of 1 GPU) earns {@code ai.usd} per hour, costs 0.10 $/h; model load 360 s and 360 s of
     * lost work on preemption = 0.1 h of its revenue each way. Idle 100 W = 0.01 $/h. Policy: 6 h horizon, 2 h dwell.
     */
    static String resources(String dwell) {
        return """
                apiVersion: gpushift.io/v1alpha1
                kind: Fleet
                nodeGroups:
                  - {name: n, count: 1, gpuProduct: NVIDIA-GeForce-RTX-3090, gpuMemoryMiB: 24576, gpusPerNode: 1}
                ---
                apiVersion: gpushift.io/v1alpha1
                kind: GPUNodePool
                metadata: {name: farm}
                spec:
                  electricity: {feedRef: {name: power, field: usd_per_kwh}, pue: 1.0}
                  policy: {paybackHorizon: 6h, minDwell: %s}
                  idleWattsPerGpu: {NVIDIA-GeForce-RTX-3090: 100}
                ---
                apiVersion: gpushift.io/v1alpha1
                kind: MiningPool
                metadata: {name: coin, namespace: mining}
                spec:
                  coin: XYZ
                  algorithm: etchash
                  endpoints: ["stratum+tcp://pool.example.org:1"]
                  wallet: "0xabc"
                  miner: {image: example/miner:1}
                  profiles:
                    - {gpuProduct: NVIDIA-GeForce-RTX-3090, hashrate: 1M, watts: 1000}
                  revenue:
                    hashprice:
                      usdPerDay: {feedRef: {name: hp, field: usd_per_mhs_day}}
                      unit: 1M
                  warmUpSeconds: 360
                ---
                apiVersion: gpushift.io/v1alpha1
                kind: AIWorkload
                metadata: {name: job, namespace: ai}
                spec:
                  template: {spec: {containers: [{name: t, image: example/job:1}]}}
                  maxReplicas: 1
                  profiles:
                    - {gpuProduct: NVIDIA-GeForce-RTX-3090, revenuePerGpuHour: {feedRef: {name: ai, field: usd}}, watts: 1000}
                  checkpointGraceSeconds: 0
                  expectedLostWorkSeconds: 360
                  startupSeconds: 360
                """.formatted(dwell);
    }

    /** Mining 1.00 $/h except a one-hour blip to 2.60 $/h at 01:00; AI 2.00 $/h throughout. */
    static final String BLIP = """
            # tiny hand-computed history
            time,power.usd_per_kwh,hp.usd_per_mhs_day,ai.usd
            2025-01-01T00:00:00Z,0.10,24,2.0
            2025-01-01T01:00:00Z,0.10,62.4,2.0
            2025-01-01T02:00:00Z,0.10,24,2.0
            2025-01-01T03:00:00Z,0.10,24,2.0
            """;

    static CliRun backtest(String... args) {
        return CliRun.of(args);
    }

    JsonNode json(String resources, String market) throws IOException {
        Path r = Files.writeString(dir.resolve("farm.yaml"), resources);
        Path m = Files.writeString(dir.resolve("market.csv"), market);
        CliRun run = backtest("backtest", "-f", r.toString(), "--market", m.toString(), "-o", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out());
    }

    static JsonNode policy(JsonNode json, String name) {
        for (JsonNode p : json.path("policies")) if (p.path("policy").asText().equals(name)) return p;
        throw new AssertionError("no policy " + name + " in " + json);
    }

    static void assertPolicy(JsonNode json, String name, double revenue, double power, double switchCost, double profit,
                             long switches) {
        JsonNode p = policy(json, name);
        assertThat(p.path("revenueUsd").asDouble()).as(name + " revenue").isCloseTo(revenue, offset(1e-9));
        assertThat(p.path("powerUsd").asDouble()).as(name + " power").isCloseTo(power, offset(1e-9));
        assertThat(p.path("switchCostUsd").asDouble()).as(name + " switch cost").isCloseTo(switchCost, offset(1e-9));
        assertThat(p.path("profitUsd").asDouble()).as(name + " profit").isCloseTo(profit, offset(1e-9));
        assertThat(p.path("gpuSwitches").asLong()).as(name + " switches").isEqualTo(switches);
    }

    /**
     * Hand computation (4 hourly steps; profit/h: AI 2.00 − 0.10 = 1.90, mining 0.90 except 2.50 at 01:00):
     * <ul>
     * <li>always-ai: AI from 00:00: revenue 8.00, power 0.40, model load 0.20 → profit 7.40, 1 switch.</li>
     * <li>always-mine: revenue 1 + 2.6 + 1 + 1 = 5.60, power 0.40, warm-up 0.10 → 5.10, 1 switch.</li>
     * <li>naive-greedy (1 h horizon, no dwell/hysteresis): AI at 00:00; at 01:00 mining gains 0.60 in the hour,
     *     more than 0.20 lost work + 0.26 warm-up, so it switches; at 02:00 back to AI (gain 1.00 > 0.20 load).
     *     Revenue 2 + 2.6 + 2 + 2 = 8.60, power 0.40, switches 0.20 + 0.20 + 0.26 + 0.20 = 0.86 → 7.34, 3 switches.</li>
     * <li>gpushift (2 h dwell): the 01:00 move is held by the dwell, so it equals always-ai: 7.40.</li>
     * <li>hindsight: the blip nets 0.60 − 0.46 − 0.20 = −0.06, so staying on AI is optimal: 7.40, exact.</li>
     * </ul>
     */
    @Test
    void blipHandComputedForEveryPolicy() throws IOException {
        JsonNode json = json(resources("2h"), BLIP);
        assertThat(json.path("steps").asInt()).isEqualTo(4);
        assertThat(json.path("hindsightExact").asBoolean()).isTrue();
        assertPolicy(json, "always-ai", 8.0, 0.4, 0.2, 7.4, 1);
        assertPolicy(json, "always-mine", 5.6, 0.4, 0.1, 5.1, 1);
        assertPolicy(json, "naive-greedy", 8.6, 0.4, 0.86, 7.34, 3);
        assertPolicy(json, "gpushift", 8.0, 0.4, 0.2, 7.4, 1);
        assertPolicy(json, "hindsight", 8.0, 0.4, 0.2, 7.4, 1);
    }

    /**
     * A longer blip (mining 3.00 $/h at 01:00 and 02:00) pays: each hour gains 1.00; the round trip costs 0.20 lost
     * work + 0.30 warm-up + 0.20 model load = 0.70 → hindsight 7.40 + 2.00 − 0.70 = 8.70 (revenue 2 + 3 + 3 + 2 = 10,
     * power 0.40, switches 0.90). gpushift with a 30 m dwell sees it too (gain 1.10/h × 6 h ≫ 0.50) and equals it.
     */
    @Test
    void twoHourBlipIsWorthTheRoundTrip() throws IOException {
        String market = """
                time,power.usd_per_kwh,hp.usd_per_mhs_day,ai.usd
                2025-01-01T00:00:00Z,0.10,24,2.0
                2025-01-01T01:00:00Z,0.10,72,2.0
                2025-01-01T02:00:00Z,0.10,72,2.0
                2025-01-01T03:00:00Z,0.10,24,2.0
                """;
        JsonNode json = json(resources("30m"), market);
        assertPolicy(json, "hindsight", 10.0, 0.4, 0.9, 8.7, 3);
        assertPolicy(json, "gpushift", 10.0, 0.4, 0.9, 8.7, 3);
        assertPolicy(json, "naive-greedy", 10.0, 0.4, 0.9, 8.7, 3);
        assertPolicy(json, "always-ai", 8.0, 0.4, 0.2, 7.4, 1);
    }

    /** A power spike above every revenue: idle (100 W) is the best use for that hour. */
    @Test
    void priceSpikeIdlesTheGpuInHindsight() throws IOException {
        String market = """
                time,power.usd_per_kwh,hp.usd_per_mhs_day,ai.usd
                2025-01-01T00:00:00Z,0.10,24,2.0
                2025-01-01T01:00:00Z,10.0,24,2.0
                2025-01-01T02:00:00Z,0.10,24,2.0
                """;
        JsonNode json = json(resources("30m"), market);
        // AI, idle for the spike hour (power 100 W × 10 $/kWh = 1.00), AI again:
        // revenue 4.00, power 0.10 + 1.00 + 0.10 = 1.20, switches 0.20 in + 0.20 out + 0.20 in = 0.60 → 2.20.
        // Staying on AI: revenue 6, power 0.1 + 10 + 0.1 = 10.2, load 0.2 → −4.40.
        assertPolicy(json, "hindsight", 4.0, 1.2, 0.6, 2.2, 3);
        assertPolicy(json, "always-ai", 6.0, 10.2, 0.2, -4.4, 1);
    }

    @Test
    void tableAndChartAreWritten() throws IOException {
        Path r = Files.writeString(dir.resolve("farm.yaml"), resources("2h"));
        Path m = Files.writeString(dir.resolve("market.csv"), BLIP);
        Path png = dir.resolve("chart.png");
        Path html = dir.resolve("chart.html");
        CliRun run = backtest("backtest", "-f", r.toString(), "--market", m.toString(), "--chart", png.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("POLICY", "gpushift", "always-mine", "always-ai", "naive-greedy", "hindsight",
                "exact optimum");
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        run = backtest("backtest", "-f", r.toString(), "--market", m.toString(), "--chart", html.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(html)).contains("<img", "data:image/png;base64,", "naive-greedy");
    }

    /** Skipping decisions whose inputs equal the previous quiet decision's changes nothing (bundled data, 10 days). */
    @Test
    void skippingUnchangedDecisionsGivesTheSameResult() throws IOException {
        Manifests m = Manifests.read(List.of(Path.of("../data/backtest-farm.yaml")));
        MarketSeries series = MarketSeries.read(Path.of("../data/market-2024-2026.csv"));
        var nodes = m.idleNodes("backtest", new PrintWriter(new StringWriter()));
        var setup = new Backtest.Setup(m.pools(), m.mining(), m.ai(), nodes, series);
        Instant from = Instant.parse("2024-08-14T00:00:00Z"), to = Instant.parse("2024-08-21T00:00:00Z");
        Backtest.Result fast = new Backtest(setup, Duration.ofHours(1), from, to).run();
        Backtest.Result full = new Backtest(setup, Duration.ofHours(1), from, to).skipUnchanged(false).run();
        assertThat(fast.engineDecisions()).isLessThan(full.engineDecisions());
        for (String p : List.of("gpushift", "naive-greedy")) {
            assertThat(fast.policy(p).profitUsd()).as(p).isEqualTo(full.policy(p).profitUsd());
            assertThat(fast.policy(p).gpuSwitches()).as(p).isEqualTo(full.policy(p).gpuSwitches());
        }
    }

    // ------------------------------------------------------------------ bad input

    CliRun badMarket(String market) throws IOException {
        Path r = Files.writeString(dir.resolve("farm.yaml"), resources("2h"));
        Path m = Files.writeString(dir.resolve("market.csv"), market);
        return backtest("backtest", "-f", r.toString(), "--market", m.toString());
    }

    @Test
    void aMissingColumnIsNamed() throws IOException {
        CliRun run = badMarket("""
                time,power.usd_per_kwh,ai.usd
                2025-01-01T00:00:00Z,0.10,2.0
                """);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("missing column 'hp.usd_per_mhs_day'");
    }

    @Test
    void aShortRowNamesTheMissingCell() throws IOException {
        CliRun run = badMarket("""
                time,power.usd_per_kwh,hp.usd_per_mhs_day,ai.usd
                2025-01-01T00:00:00Z,0.10,24,2.0
                2025-01-01T01:00:00Z,0.10,24
                """);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("line 3 (row 2)", "missing column 'ai.usd'");
    }

    @Test
    void aNonNumericValueNamesRowAndColumn() throws IOException {
        CliRun run = badMarket("""
                time,power.usd_per_kwh,hp.usd_per_mhs_day,ai.usd
                2025-01-01T00:00:00Z,0.10,24,2.0
                2025-01-01T01:00:00Z,0.10,24,$2.10
                """);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("line 3 (row 2), column 'ai.usd': '$2.10' is not a number");
    }

    @Test
    void aNegativePriceNamesRowAndColumn() throws IOException {
        CliRun run = badMarket("""
                # comment lines do not count as rows
                time,power.usd_per_kwh,hp.usd_per_mhs_day,ai.usd
                2025-01-01T00:00:00Z,-0.02,24,2.0
                """);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("line 3 (row 1), column 'power.usd_per_kwh': -0.02 is negative");
    }

    @Test
    void badTimesAreNamed() throws IOException {
        CliRun run = badMarket("""
                time,power.usd_per_kwh,hp.usd_per_mhs_day,ai.usd
                2025-01-01T01:00:00Z,0.10,24,2.0
                2025-01-01T00:00:00Z,0.10,24,2.0
                """);
        assertThat(run.err()).contains("row 2", "column 'time'", "ascending");
        run = badMarket("""
                time,power.usd_per_kwh,hp.usd_per_mhs_day,ai.usd
                yesterday,0.10,24,2.0
                """);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("row 1), column 'time': 'yesterday' is not an ISO-8601");
    }

    @Test
    void aBadStepIsRefused() throws IOException {
        Path r = Files.writeString(dir.resolve("farm.yaml"), resources("2h"));
        Path m = Files.writeString(dir.resolve("market.csv"), BLIP);
        CliRun run = backtest("backtest", "-f", r.toString(), "--market", m.toString(), "--step", "soon");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--step: not a duration: soon");
    }
}
