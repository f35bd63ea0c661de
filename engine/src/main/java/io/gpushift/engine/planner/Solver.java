package io.gpushift.engine.planner;

import java.util.List;

/**
 * Orchestrates one optimisation: a greedy start, Lagrangian prices for a bound and better greedy plans, a plan
 * recovered from the dual's own solutions ({@link Recovery}), the LP over class configurations by column generation
 * (the tightest bound) rounded to a plan ({@link LpRounding}, usually the best), and for small problems an exact
 * search that proves optimality. Deterministic: fixed iteration counts, stable orders.
 */
final class Solver {
    /**
     * Dual steps: 60 left large bounds ~8 % loose; 300 with the step floor below beat 200 (10,000 nodes: objective /
     * bound 0.9457 -> 0.9677; 1,000–3,000 nodes worst 0.9755 -> 0.9858).
     */
    static final int MAX_ITERATIONS = 300;
    /**
     * Steps without a better bound before the step length halves, and the least step factor: halving after 4 steps
     * with no floor left the factor at 0.03 after 200 steps at 10,000 nodes (6e-8 after 1,000), so the bound stalled
     * above where longer steps take it (and the plans, steered by the same prices, were worse too).
     */
    static final int STALE_STEPS = 10;
    static final double MIN_THETA = 0.3;
    /** A primal (one priced and up to three true-value sweeps) every this many steps. */
    static final int PRIMAL_EVERY = 50;

    /**
     * The dual's relaxed solutions from this step on are averaged for {@link Recovery}: the last tenth (averaging
     * from the half or the quarter gave worse plans at 10,000 nodes: early prices are far from the optimum).
     */
    static final int RECOVER_FROM = MAX_ITERATIONS * 9 / 10;

    /**
     * Node solves the two-node moves ({@link SwapSearch}) may spend per rounding: 20,000 and 400,000 gave the same plans
     * on the large-instance seeds (+9 to +114 USD over the rounding alone).
     */
    static final int SWAP_SOLVES = 20_000;

    /**
     * The plan, its objective, the bound (the best of both below), whether it is proven optimal; for tests also the
     * subgradient's bound and the column generation's (NaN when it did not run).
     */
    record Solution(Allocation allocation, double objective, double upperBound, boolean provenOptimal,
                    double lagrangianBound, double lpBound) {
    }

    static Solution solve(Problem p) {
        return solve(p, MasterLp.OJALGO);
    }

    /** The same, the column generation's masters solved by {@code master}. */
    static Solution solve(Problem p, MasterLp.Backend master) {
        NodeDp dp = new NodeDp(p);
        Greedy greedy = new Greedy(p, dp);
        Allocation best = greedy.construct(null, null, 3);
        double bestValue = best.objective();
        Dual dual = new Dual(p, dp);
        Recovery recovery = new Recovery(p);
        double upper = dual.evaluate();
        double theta = 1.0;
        double target = bestValue; // Polyak target: the best plan of the priced local search in class order
        int stale = 0;
        boolean fresh = false; // a primal was built from the latest prices
        for (int it = 0; it < MAX_ITERATIONS && !closed(upper, bestValue); it++) {
            if (!dual.step(target, theta)) break;
            fresh = false;
            double l = dual.evaluate();
            if (it >= RECOVER_FROM) recovery.add(dual, 1);
            if (l < upper - 1e-9) {
                upper = l;
                stale = 0;
            } else if (++stale >= STALE_STEPS) { // no progress: shorter steps
                theta = Math.max(theta / 2, MIN_THETA);
                stale = 0;
            }
            if (it % PRIMAL_EVERY == PRIMAL_EVERY - 1 || it == MAX_ITERATIONS - 1) { // a primal from the current prices
                fresh = true;
                Allocation a = greedy.construct(dual.rho.clone(), dual.pi.clone(), 3);
                target = Math.max(target, a.objective());
                if (a.objective() > bestValue + 1e-9) {
                    best = a;
                    bestValue = a.objective();
                }
                // the same visiting classes in other orders (none wins always), at the last step only (also at step
                // 200 won nothing on the large-instance seeds); only as candidate plans: the dual's step target stays
                // with the class-order plan, whose steps proved better
                if (it == MAX_ITERATIONS - 1) {
                    for (List<NodeClass> order : ClassOrder.orders(p, dual)) {
                        a = greedy.construct(dual.rho.clone(), dual.pi.clone(), 3, order);
                        if (a.objective() > bestValue + 1e-9) {
                            best = a;
                            bestValue = a.objective();
                        }
                    }
                }
            }
        }
        if (!fresh && !closed(upper, bestValue)) {
            Allocation a = greedy.construct(dual.rho.clone(), dual.pi.clone(), 3);
            if (a.objective() > bestValue + 1e-9) {
                best = a;
                bestValue = a.objective();
            }
        }
        if (recovery.hasData() && !closed(upper, bestValue)) {
            Allocation a = recovery.apply(dp);
            if (a != null) greedy.polish(a, 3);
            if (a != null && a.objective() > bestValue + 1e-9) {
                best = a;
                bestValue = a.objective();
            }
        }
        double lagrangian = upper, lpBound = Double.NaN;
        if (!closed(upper, bestValue)) {
            // the LP over class configurations: its optimum is the tightest bound of this relaxation and its basic
            // solution (few split classes) rounds to a better plan than the subgradient's averaged one
            ColumnGeneration cg = new ColumnGeneration(p, dual, master);
            // from the best plan's configurations (a feasible master) and the dual's last relaxed ones; adding the
            // last 30 steps' solutions too made a 10,000-node decision ~1.4x the CPU (a larger dense master) and the
            // worst plan / bound of the large-instance seeds lower (0.99956 against 0.99966)
            cg.addAll(best);
            cg.addRelaxed();
            cg.run();
            if (cg.bound < Double.POSITIVE_INFINITY) lpBound = cg.bound; // else no master solved: the subgradient's stays
            upper = Math.min(upper, cg.bound);
            if (cg.last != null) {
                LpRounding lp = new LpRounding(p, dp);
                cg.shares(lp);
                // caps priced by their duals only (the guarantee's dual would count the bonus twice)
                double[] rho = cg.last.rho().clone();
                for (int o = 0; o < rho.length; o++) rho[o] = Math.max(0, rho[o]);
                Allocation a = lp.round(rho, cg.last.pi());
                if (a != null) {
                    greedy.polish(a, 3);
                    // two-node moves where the rounding left a node short of a capped option
                    if (new SwapSearch(p, dp).improve(a, rho, cg.last.pi(), SWAP_SOLVES)) greedy.polish(a, 3);
                    if (a.objective() > bestValue + 1e-9) {
                        best = a;
                        bestValue = a.objective();
                    }
                }
            }
        }
        boolean proven = closed(upper, bestValue);
        if (!proven) {
            Allocation exact = ExactSearch.solve(p, best);
            if (exact != null) {
                best = exact;
                bestValue = exact.objective();
                upper = Math.min(upper, bestValue);
                proven = true;
            }
        }
        return new Solution(best, bestValue, Math.max(upper, bestValue), proven, lagrangian, lpBound);
    }

    /**
     * The plan meets the bound, up to floating-point noise relative to the bound's size. The guarantee bonus (1e7 USD
     * per replica) is in both, so the bound is ~1e9 on a fleet with a hundred contracts: 1e-7 of that let a plan
     * 142 USD below the LP bound count as proven optimal at 1,000 nodes; 1e-10 of it is cents.
     */
    private static boolean closed(double upper, double value) {
        return upper - value <= 1e-10 * Math.max(1, Math.abs(upper));
    }
}
