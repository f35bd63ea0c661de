package io.gpushift.engine.bench;

import io.gpushift.engine.Engine;
import io.gpushift.engine.Plan;
import io.gpushift.engine.Snapshot;
import io.gpushift.engine.planner.RandomFleet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The {@link DecideBenchmark} fleet, timed by the deciding thread's CPU time next to wall time: on this shared
 * machine wall time swings with other builds (load 10–30), CPU time much less, so old and new engines can be compared
 * when JMH's wall-clock figures cannot. GC and JIT threads are not counted. Not a unit test; see engine/README.md.
 * Also prints the plan's objective / upper bound. Arguments: warm-up decisions (≥ 1), measured decisions, node counts.
 */
public final class DecideCpuTime {
    public static void main(String[] args) {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        int[] sizes = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[]{1_000, 10_000};
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        // bytes allocated by the deciding thread: steady under load, unlike time
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) mx;
        for (int n : sizes) {
            Snapshot s = RandomFleet.large(42, n, 10, 200);
            Engine engine = new Engine();
            Plan plan = null;
            for (int i = 0; i < warm; i++) plan = engine.decide(s);
            double[] cpu = new double[runs], wall = new double[runs], mb = new double[runs];
            for (int i = 0; i < runs; i++) {
                long a0 = alloc.getCurrentThreadAllocatedBytes();
                long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                engine.decide(s);
                cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                wall[i] = (System.nanoTime() - w0) / 1e6;
                mb[i] = (alloc.getCurrentThreadAllocatedBytes() - a0) / 1e6;
            }
            Arrays.sort(mb);
            Arrays.sort(cpu);
            Arrays.sort(wall);
            System.out.printf("%,d nodes: median CPU %.0f ms (min %.0f), median wall %.0f ms (min %.0f), %.0f MB allocated,"
                            + " %d decisions; objective / bound %.4f%n", n, cpu[runs / 2], cpu[0], wall[runs / 2], wall[0],
                    mb[runs / 2], runs,
                    plan == null ? Double.NaN : plan.summary().objectiveUsd() / plan.summary().upperBoundUsd());
        }
    }
}
