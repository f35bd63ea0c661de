package io.gpushift.engine.planner;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.validation.Validator;

public class Profile2 {
    public static void main(String[] a) {
        Snapshot s = RandomFleet.large(Long.getLong("seed", 1), Integer.parseInt(a[0]), 10, 200);
        Problem p = ProblemBuilder.build(s, Validator.validate(s), s.now());
        long t0 = System.nanoTime();
        Solver.Solution sol = Solver.solve(p);
        long t1 = System.nanoTime();
        double b = sol.allocation().bonus();
        System.out.printf("obj %.1f ub %.1f ratio %.5f  %d ms classes %d%n", sol.objective() - b, sol.upperBound() - b,
                (sol.objective() - b) / (sol.upperBound() - b), (t1 - t0) / 1000000, p.classes.size());
    }
}
