package io.gpushift.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpushift.cli.Manifests;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Property: on random small histories and fleets the hindsight figure (exact optimum, or Lagrangian upper bound when
 * a cap binds) is ≥ the profit of every other policy, and when it is exact its breakdown adds up.
 *
 * <p>Random: 1–3 nodes of 1–3 GPUs on one or two GPU products, 2–8 hourly rows (power 0.01–3 $/kWh, so some rows
 * are spikes; mining hashprice 0.5–80 $/MH/day; AI 0.1–4 $/GPU-h), dwell 0–2 h, horizon 1–24 h, hysteresis 0–50 %,
 * disruption budget, AI replicas of 1–2 GPUs up to 1–3 replicas (sometimes GUARANTEED), switch costs 0–1 h, mining cap.
 */
class HindsightPropertiesTest {

    @Property(tries = 300)
    void hindsightIsAtLeastEveryPolicy(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        String yaml = farm(r);
        String csv = market(r);
        Path y = Files.createTempFile("farm", ".yaml");
        try {
            Files.writeString(y, yaml);
            Manifests m = Manifests.read(List.of(y));
            MarketSeries series = MarketSeries.parse("random.csv", csv.lines().toList());
            var nodes = m.idleNodes("backtest", new PrintWriter(new StringWriter()));
            Backtest.Result res = new Backtest(new Backtest.Setup(m.pools(), m.mining(), m.ai(), nodes, series),
                    Duration.ofHours(1), null, null).run();
            Backtest.PolicyResult h = res.policy("hindsight");
            for (Backtest.PolicyResult p : res.policies()) {
                assertThat(h.profitUsd()).as("seed %d: hindsight vs %s%n%s%n%s", seed, p.name(), yaml, csv)
                        .isGreaterThanOrEqualTo(p.profitUsd() - 1e-6);
            }
            if (res.hindsightExact()) {
                assertThat(h.revenueUsd() - h.switchCostUsd() - h.powerUsd()).isCloseTo(h.profitUsd(),
                        org.assertj.core.data.Offset.offset(1e-6));
            }
        } finally {
            Files.deleteIfExists(y);
        }
    }

    static String farm(Random r) {
        StringBuilder b = new StringBuilder("""
                apiVersion: gpushift.io/v1alpha1
                kind: Fleet
                nodeGroups:
                """);
        b.append(String.format("  - {name: a, count: %d, gpuProduct: NVIDIA-GeForce-RTX-3090, gpuMemoryMiB: 24576, gpusPerNode: %d}%n",
                1 + r.nextInt(2), 1 + r.nextInt(3)));
        boolean second = r.nextBoolean();
        if (second) {
            b.append(String.format("  - {name: b, count: 1, gpuProduct: NVIDIA-GeForce-RTX-4090, gpuMemoryMiB: 24564, gpusPerNode: %d}%n",
                    1 + r.nextInt(3)));
        }
        String[] dwell = {"0s", "30m", "1h", "2h"};
        String[] horizon = {"1h", "6h", "24h"};
        b.append(String.format(Locale.ROOT, """
                ---
                apiVersion: gpushift.io/v1alpha1
                kind: GPUNodePool
                metadata: {name: farm}
                spec:
                  electricity: {feedRef: {name: power, field: usd_per_kwh}, pue: %.2f}
                  policy:
                    paybackHorizon: %s
                    minDwell: %s
                    hysteresis: {minGainPercent: %d, minGainUsdPerHour: %.2f}
                    %s
                    whenNothingPays: %s
                """, 1 + r.nextDouble() * 0.5, horizon[r.nextInt(3)], dwell[r.nextInt(4)], new int[]{0, 5, 50}[r.nextInt(3)],
                r.nextInt(3) * 0.05, r.nextBoolean() ? "disruptionBudget: {maxGpusPerInterval: " + (1 + r.nextInt(3)) + "}" : "",
                r.nextBoolean() ? "Idle" : "Hold"));
        b.append(String.format(Locale.ROOT, """
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
                    - {gpuProduct: NVIDIA-GeForce-RTX-3090, hashrate: 1M, watts: %d}
                    - {gpuProduct: NVIDIA-GeForce-RTX-4090, hashrate: 2M, watts: %d}
                  revenue:
                    hashprice:
                      usdPerDay: {feedRef: {name: hp, field: usd_per_mhs_day}}
                      unit: 1M
                  warmUpSeconds: %d
                  allowLoss: %b
                %s""", 100 + r.nextInt(900), 100 + r.nextInt(900), r.nextInt(3600), r.nextBoolean(),
                r.nextBoolean() ? "  maxGpus: " + (1 + r.nextInt(4)) + "\n" : ""));
        boolean guaranteed = r.nextInt(4) == 0;
        b.append(String.format(Locale.ROOT, """
                ---
                apiVersion: gpushift.io/v1alpha1
                kind: AIWorkload
                metadata: {name: job, namespace: ai}
                spec:
                  template: {spec: {containers: [{name: t, image: example/job:1}]}}
                  gpusPerReplica: %d
                  minReplicas: %d
                  maxReplicas: %d
                  commitment: %s
                  profiles:
                    - {gpuProduct: NVIDIA-GeForce-RTX-3090, revenuePerGpuHour: {feedRef: {name: ai, field: usd}}, watts: %d}
                    - {gpuProduct: NVIDIA-GeForce-RTX-4090, revenuePerGpuHour: {feedRef: {name: ai4090, field: usd}}, watts: %d}
                  checkpointGraceSeconds: %d
                  expectedLostWorkSeconds: %d
                  startupSeconds: %d
                """, 1 + r.nextInt(2), guaranteed ? 1 : 0, 1 + r.nextInt(3), guaranteed ? "Guaranteed" : "Preemptible",
                100 + r.nextInt(900), 100 + r.nextInt(900), r.nextInt(600), r.nextInt(3600), r.nextInt(3600)));
        return b.toString();
    }

    static String market(Random r) {
        int rows = 2 + r.nextInt(7);
        List<String> lines = new ArrayList<>();
        lines.add("time,power.usd_per_kwh,hp.usd_per_mhs_day,ai.usd,ai4090.usd");
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < rows; i++) {
            double power = r.nextInt(5) == 0 ? 0.5 + r.nextDouble() * 2.5 : 0.01 + r.nextDouble() * 0.2;
            lines.add(String.format(Locale.ROOT, "%s,%.4f,%.3f,%.3f,%.3f", t, power, 0.5 + r.nextDouble() * 79.5,
                    0.1 + r.nextDouble() * 3.9, 0.1 + r.nextDouble() * 3.9));
            t = t.plusSeconds(3600);
        }
        return String.join("\n", lines) + "\n";
    }
}
