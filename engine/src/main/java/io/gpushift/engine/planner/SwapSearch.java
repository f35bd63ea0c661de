package io.gpushift.engine.planner;

/**
 * Two-node moves the node-by-node local search cannot make: a node that would rather hold more of a capped option
 * than the cap leaves takes it from a node that holds it; one that would rather disrupt more GPUs than its pool's
 * budget leaves takes budget from a node of the pool that disrupts. Both nodes are
 * released, the receiver re-solved first, then the donor under what is left (exact node DP, true values, guarantee
 * bonus); kept only when the two together gain. Receivers are the nodes whose use is not the best at the LP's prices
 * (where the rounding of the LP left them), donors the nodes holding what they lack. Budgeted by node solves
 * (determinism).
 */
final class SwapSearch {
    private final Problem p;
    private final NodeDp dp;
    private int solves;

    SwapSearch(Problem p, NodeDp dp) {
        this.p = p;
        this.dp = dp;
    }

    /** Returns whether the allocation (feasible, complete) improved. */
    boolean improve(Allocation a, double[] rho, double[] pi, int maxSolves) {
        boolean improved = false;
        for (NodeClass b : p.classes) {
            NodeDp.Result want = dp.solve(b, rho, pi[b.pool], null, Integer.MAX_VALUE, false);
            int[] prev = null;
            for (int i = 0; i < b.size(); i++) {
                int[] u = a.units[b.index][i];
                if (u == prev) continue; // same use as the node before: the same move was tried
                prev = u;
                if (priced(p, b, u, rho, pi) >= want.value() - 1e-9) continue;
                boolean done = false;
                for (int e = 1; e < u.length && !done; e++) {
                    boolean lacksUnits = want.units()[e] > u[e] && a.rem(b.opt[e]) < want.units()[e] - u[e];
                    if (lacksUnits && trySwap(a, b, i, b.opt[e], maxSolves)) done = improved = true;
                }
                int mv = a.movedOf(b, u);
                if (!done && want.moved() > mv && a.remBudget(b) < want.moved() - mv && trySwap(a, b, i, -1, maxSolves))
                    improved = true;
                if (solves >= maxSolves) return improved;
            }
        }
        return improved;
    }

    /** A node configuration's value less the prices of its units and of the GPUs it takes from running work. */
    static double priced(Problem p, NodeClass c, int[] u, double[] rho, double[] pi) {
        double v = c.configValue(u, p.unitGpus);
        for (int e = 1; e < u.length; e++) v -= rho[c.opt[e]] * u[e];
        return v - pi[c.pool] * c.configMoved(u, p.unitGpus);
    }

    /**
     * Tries donors of option o (o &lt; 0: of disruption budget, nodes of the same pool that disrupt) for node i of
     * class b; true when one swap gained (and is kept).
     */
    private boolean trySwap(Allocation a, NodeClass b, int i, int o, int maxSolves) {
        for (NodeClass d : p.classes) {
            int e = o < 0 ? 0 : d.entryOfOption(o, p.optionCount());
            if (e < 0 || (o < 0 && d.pool != b.pool)) continue;
            int[] prev = null;
            for (int j = 0; j < d.size(); j++) {
                int[] du = a.units[d.index][j];
                if (du == prev || (o < 0 ? a.movedOf(d, du) == 0 : du[e] == 0) || (d == b && j == i)) continue;
                prev = du;
                if (solves >= maxSolves) return false;
                int[] bu = a.units[b.index][i];
                double before = a.nodeValue(b, bu) + a.nodeValue(d, du) + a.bonus();
                a.clear(b, i);
                a.clear(d, j);
                solves += 2;
                NodeDp.Result rb = dp.solve(b, null, 0, a, a.remBudget(b), true);
                if (rb != null) {
                    a.set(b, i, rb.units(), rb.moved());
                    NodeDp.Result rd = dp.solve(d, null, 0, a, a.remBudget(d), true);
                    if (rd != null) {
                        a.set(d, j, rd.units(), rd.moved());
                        if (a.nodeValue(b, rb.units()) + a.nodeValue(d, rd.units()) + a.bonus() > before + 1e-9)
                            return true;
                        a.clear(d, j);
                    }
                    a.clear(b, i);
                }
                a.set(b, i, bu, a.movedOf(b, bu));
                a.set(d, j, du, a.movedOf(d, du));
            }
        }
        return false;
    }
}
