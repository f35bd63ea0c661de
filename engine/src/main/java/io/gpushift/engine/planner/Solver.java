package io.gpushift.engine.planner;

/**
 * Orchestrates one optimisation: a greedy start, Lagrangian prices for a bound and better greedy plans, and for
 * small problems an exact search that proves optimality. Deterministic: fixed iteration counts, stable orders.
 */
final class Solver {
    private static final int MAX_ITERATIONS = 60;

    record Solution(Allocation allocation, double objective, double upperBound, boolean provenOptimal) {
    }

    static Solution solve(Problem p) {
        NodeDp dp = new NodeDp(p);
        Greedy greedy = new Greedy(p, dp);
        Allocation best = greedy.construct(null, null, 3);
        double bestValue = best.objective();
        Dual dual = new Dual(p, dp);
        double upper = dual.evaluate();
        double theta = 1.0;
        int stale = 0;
        for (int it = 0; it < MAX_ITERATIONS && upper - bestValue > 1e-7 * Math.max(1, Math.abs(upper)); it++) {
            if (!dual.step(bestValue, theta)) break;
            double l = dual.evaluate();
            if (l < upper - 1e-9) {
                upper = l;
                stale = 0;
            } else if (++stale >= 4) {
                theta /= 2;
                stale = 0;
            }
            if (it % 10 == 9) { // a primal from the current prices
                Allocation a = greedy.construct(dual.rho.clone(), dual.pi.clone(), 3);
                double v = a.objective();
                if (v > bestValue + 1e-9) {
                    best = a;
                    bestValue = v;
                }
            }
        }
        Allocation priced = greedy.construct(dual.rho.clone(), dual.pi.clone(), 3);
        if (priced.objective() > bestValue + 1e-9) {
            best = priced;
            bestValue = priced.objective();
        }
        boolean proven = upper - bestValue <= 1e-7 * Math.max(1, Math.abs(upper));
        if (!proven) {
            Allocation exact = ExactSearch.solve(p, best);
            if (exact != null) {
                best = exact;
                bestValue = exact.objective();
                upper = Math.min(upper, bestValue);
                proven = true;
            }
        }
        return new Solution(best, bestValue, Math.max(upper, bestValue), proven);
    }
}
