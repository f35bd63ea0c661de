package io.gpushift.engine.planner;

import io.gpushift.engine.Engine;
import io.gpushift.engine.Plan;
import io.gpushift.engine.Snapshot;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The plan equals the brute-force optimum of the same objective and breaks no constraint. */
class PlannerPropertiesTest {
    private static final AtomicLong INSTANCES = new AtomicLong(), PROVEN = new AtomicLong(), CHANGED = new AtomicLong();

    static Map<String, Map<String, Integer>> nodeMap(Plan plan) {
        Map<String, Map<String, Integer>> m = new TreeMap<>();
        plan.nodes().forEach(n -> m.put(n.node(), n.gpus()));
        return m;
    }

    @Property(tries = 3000)
    void planIsOptimalAndFeasible(@ForAll long seed) {
        Snapshot s = RandomFleet.small(seed);
        Engine engine = new Engine();
        Plan plan = engine.decide(s);
        Map<String, Map<String, Integer>> nodes = nodeMap(plan);

        assertThat(new Checker(s).violations(nodes)).as("constraints, seed %d", seed).isEmpty();
        ToDoubleFunction<Map<String, Map<String, Integer>>> objective = Planner.objective(s, s.now());
        double mine = objective.applyAsDouble(nodes);
        BruteForce.Best best = BruteForce.solve(s);
        double tol = 1e-6 * Math.max(1, Math.abs(best.objective()));
        assertThat(mine).as("objective vs brute force, seed %d: brute plan %s", seed, best.plan())
                .isGreaterThanOrEqualTo(best.objective() - tol);
        // the bound is a bound
        double bonus = mine - plan.summary().objectiveUsd();
        assertThat(plan.summary().upperBoundUsd() + bonus).isGreaterThanOrEqualTo(best.objective() - tol);
        // deterministic
        assertThat(engine.decide(s)).isEqualTo(plan);
        INSTANCES.incrementAndGet();
        if (plan.summary().provenOptimal()) PROVEN.incrementAndGet();
        if (plan.nodes().stream().anyMatch(Plan.NodePlan::changed)) CHANGED.incrementAndGet();
    }

    @AfterContainer
    static void report() {
        System.out.printf("brute force: %d instances equal to the optimum (%d proven by the engine itself, %d with moves)%n",
                INSTANCES.get(), PROVEN.get(), CHANGED.get());
    }
}
