package io.gpushift.cli.backtest;

import io.gpushift.cli.Manifests;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Benchmark (not a unit test): a year of hourly steps (8,760) for a 1,000-node fleet (6,400 GPUs), all five policies.
 * The fleet is data/backtest-farm.yaml scaled 50×: 200 × 8 H100, 400 × 4 RTX 4090, 400 × 8 RTX 3090, with the AI
 * demand scaled alike (h100-training up to 150 replicas, llm-inference 2,400); market data/market-2024-2026.csv,
 * 2025-01-01 .. 2026-01-01. Run from the repository root (docs/backtest.md):
 * <pre>
 * ./mvnw -B -o -q -pl cli test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * $JAVA_HOME/bin/java -cp cli/target/test-classes:cli/target/classes:$(cat cli/target/cp.txt) \
 *     io.gpushift.cli.backtest.BacktestBenchmark [runs]
 * </pre>
 * Prints the wall time of each run (setup from parsed inputs + all policies; YAML/CSV reading excluded).
 */
public final class BacktestBenchmark {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String farm = Files.readString(Path.of("data/backtest-farm.yaml"))
                .replace("{name: h100, count: 4,", "{name: h100, count: 200,")
                .replace("{name: rtx4090, count: 8,", "{name: rtx4090, count: 400,")
                .replace("{name: rtx3090, count: 8,", "{name: rtx3090, count: 400,")
                .replace("maxReplicas: 3\n", "maxReplicas: 150\n")
                .replace("minReplicas: 2\n", "minReplicas: 100\n")
                .replace("maxReplicas: 48\n", "maxReplicas: 2400\n");
        Path file = Files.createTempFile("farm-1000", ".yaml");
        Files.writeString(file, farm);
        Manifests m = Manifests.read(List.of(file));
        MarketSeries market = MarketSeries.read(Path.of("data/market-2024-2026.csv"));
        var nodes = m.idleNodes("backtest", new PrintWriter(System.err));
        Instant from = Instant.parse("2025-01-01T00:00:00Z"), to = Instant.parse("2026-01-01T00:00:00Z");
        for (int run = 1; run <= runs; run++) {
            long t0 = System.nanoTime();
            Backtest.Result r = new Backtest(new Backtest.Setup(m.pools(), m.mining(), m.ai(), nodes, market),
                    Duration.ofHours(1), from, to).run();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("run %d: %d nodes, %d GPUs, %d steps, %d engine decisions: %d ms%n", run, r.nodes(),
                    r.gpus(), r.stepTimes().length, r.engineDecisions(), ms);
            if (run == runs) System.out.print(BacktestReport.of(r, "data/market-2024-2026.csv").toTable());
        }
        Files.deleteIfExists(file);
    }
}
