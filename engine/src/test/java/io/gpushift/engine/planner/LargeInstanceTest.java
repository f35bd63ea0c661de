package io.gpushift.engine.planner;

import io.gpushift.engine.Engine;
import io.gpushift.engine.Plan;
import io.gpushift.engine.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Large random fleets: feasible, and within 0.1 % of the Lagrangian upper bound. */
class LargeInstanceTest {

    @Test
    void withinTenthOfAPercentOfTheUpperBound() {
        double worst = 1;
        for (long seed = 1; seed <= 12; seed++) {
            int nodes = seed <= 4 ? 1_000 : seed <= 10 ? 3_000 : 10_000;
            Snapshot s = RandomFleet.large(seed, nodes, 10, 200);
            long t0 = System.nanoTime();
            Plan plan = new Engine().decide(s);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Map<String, Map<String, Integer>> m = PlannerPropertiesTest.nodeMap(plan);
            assertThat(new Checker(s).violations(m)).as("seed %d", seed).isEmpty();
            assertThat(plan.unmet().stream().filter(u -> u.guaranteed())).as("guaranteed minimums met").isEmpty();
            double ratio = plan.summary().objectiveUsd() / plan.summary().upperBoundUsd();
            worst = Math.min(worst, ratio);
            System.out.printf("large seed %d: %d nodes, objective %.2f, bound %.2f, ratio %.6f, proven %s, %d ms%n", seed,
                    nodes, plan.summary().objectiveUsd(), plan.summary().upperBoundUsd(), ratio,
                    plan.summary().provenOptimal(), ms);
            assertThat(ratio).as("seed %d", seed).isGreaterThanOrEqualTo(0.999);
        }
        System.out.printf("large instances: worst objective / upper bound = %.6f%n", worst);
    }
}
