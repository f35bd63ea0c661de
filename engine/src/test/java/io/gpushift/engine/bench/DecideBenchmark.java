package io.gpushift.engine.bench;

import io.gpushift.engine.Engine;
import io.gpushift.engine.Plan;
import io.gpushift.engine.Snapshot;
import io.gpushift.engine.planner.RandomFleet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One decision for a fleet of 8-GPU nodes, 10 GPU models, 200 workloads (50 mining, 150 AI), 4 pools.
 * Run: see engine/README.md. Reports sample time (median = p0.50).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class DecideBenchmark {
    @Param({"1000", "10000"})
    public int nodes;

    private Snapshot snapshot;
    private final Engine engine = new Engine();

    @Setup
    public void setUp() {
        snapshot = RandomFleet.large(42, nodes, 10, 200);
    }

    @Benchmark
    public Plan decide() {
        return engine.decide(snapshot);
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args.length > 0 ? args : new String[]{DecideBenchmark.class.getSimpleName()});
    }
}
