package io.gpushift.engine.planner;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.validation.Validator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The column generation's bound (the LP over class configurations) is a valid upper bound and at least as tight as the
 * subgradient's: on small fleets between the brute-force optimum and the Lagrangian bound, on large ones between the
 * plan's objective and the Lagrangian bound.
 */
class LpBoundTest {
    private static Solver.Solution solve(Snapshot s) {
        return Solver.solve(ProblemBuilder.build(s, Validator.validate(s), s.now()));
    }

    @Test
    void smallFleetsBetweenOptimumAndLagrangianBound() {
        int ran = 0;
        for (long seed = 1; seed <= 3000; seed++) {
            Snapshot s = RandomFleet.small(seed);
            Solver.Solution sol = solve(s);
            if (Double.isNaN(sol.lpBound())) continue; // proven by the subgradient alone
            ran++;
            double opt = BruteForce.solve(s).objective();
            double tol = 1e-6 * Math.max(1, Math.abs(opt));
            assertThat(sol.lpBound()).as("seed %d: LP bound vs optimum", seed).isGreaterThanOrEqualTo(opt - tol);
            assertThat(sol.lpBound()).as("seed %d: LP vs Lagrangian bound", seed)
                    .isLessThanOrEqualTo(sol.lagrangianBound() + tol);
        }
        System.out.printf("LP bound on small fleets: %d of 3,000 needed it%n", ran);
        assertThat(ran).isPositive();
    }

    @Test
    void largeFleetsTighterThanTheSubgradient() {
        for (long seed = 1; seed <= 4; seed++) {
            Snapshot s = RandomFleet.large(seed, 1_000, 10, 200);
            long t0 = System.nanoTime();
            Solver.Solution sol = solve(s);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            double tol = 1e-9 * Math.abs(sol.objective());
            double bonus = sol.allocation().bonus(); // the guarantee bonus, as the plan's summary leaves it out
            System.out.printf("seed %d: objective %.2f, Lagrangian bound %.2f, LP bound %.2f (bonus %.0f left out);"
                            + " objective / LP bound %.6f, objective / Lagrangian bound %.6f, %d ms%n", seed,
                    sol.objective() - bonus, sol.lagrangianBound() - bonus, sol.lpBound() - bonus, bonus,
                    (sol.objective() - bonus) / (sol.lpBound() - bonus),
                    (sol.objective() - bonus) / (sol.lagrangianBound() - bonus), ms);
            assertThat(sol.lpBound()).isLessThanOrEqualTo(sol.lagrangianBound() + tol);
            assertThat(sol.lpBound()).isGreaterThanOrEqualTo(sol.objective() - tol);
        }
    }
}
