package io.gpushift.engine.planner;

/**
 * Local search from the current state: node by node, release the node's GPUs and give it its best use (exact node
 * DP) under what the rest of the fleet leaves. The node's previous use is always still feasible, so every step stays
 * feasible (caps, budgets) and, at true values, never lowers the objective. With Lagrange prices a first pass steers
 * scarce options to where the relaxation wants them; true-value passes then polish.
 */
final class Greedy {
    /** Priced sweeps per construction: a second and third changed no plan's value on the large-instance seeds. */
    private static final int PRICED_PASSES = 1;
    private final Problem p;
    private final NodeDp dp;

    Greedy(Problem p, NodeDp dp) {
        this.p = p;
        this.dp = dp;
    }

    /** Everything as it is now (a feasible start, except uses that must shrink, which the first pass fixes). */
    Allocation current() {
        Allocation a = new Allocation(p);
        for (NodeClass c : p.classes) {
            int[] u = new int[c.opt.length];
            for (int e = 0; e < u.length; e++) u[e] = c.cur[e] / p.unitGpus[c.opt[e]];
            for (int i = 0; i < c.size(); i++) a.set(c, i, u, 0);
        }
        return a;
    }

    Allocation construct(double[] price, double[] poolPrice, int passes) {
        return construct(price, poolPrice, passes, p.classes);
    }

    /** As above, visiting classes in the given order (the ones that gain most per scarce unit first). */
    Allocation construct(double[] price, double[] poolPrice, int passes, java.util.List<NodeClass> order) {
        Allocation a = current();
        // a priced sweep frees what the prices say to give up and hands it to where it pays most
        if (price != null) for (int i = 0; i < PRICED_PASSES; i++) pass(a, price, poolPrice, order);
        for (int i = 0; i < passes; i++) if (!pass(a, null, null, order)) break;
        return a;
    }

    /** True-value sweeps on a feasible allocation until one finds nothing better (at most {@code passes}). */
    Allocation polish(Allocation a, int passes) {
        for (int i = 0; i < passes; i++) if (!pass(a, null, null, p.classes)) break;
        return a;
    }

    boolean pass(Allocation a, double[] price, double[] poolPrice) {
        return pass(a, price, poolPrice, p.classes);
    }

    /** One sweep over all nodes; returns whether the objective (true values) went up. */
    boolean pass(Allocation a, double[] price, double[] poolPrice, java.util.List<NodeClass> order) {
        boolean improved = false;
        for (NodeClass c : order) {
            NodeDp.Result cached = null;
            boolean bonusSensitive = false;
            int[] lastPrev = null;
            for (int i = 0; i < c.size(); i++) {
                int[] prev = a.units[c.index][i];
                // nodes that still hold the same plan as the one before them take the cached result in one step,
                // exactly as the node-by-node sweep below would (see Allocation#adoptRun)
                if (cached != null && !bonusSensitive && i > 0 && a.units[c.index][i - 1] == cached.units()
                        && prev == lastPrev) {
                    int t = a.adoptRun(c, i, prev, cached, price == null);
                    if (t > 0) {
                        if (price == null && a.nodeValue(c, cached.units()) > a.nodeValue(c, prev) + 1e-9) improved = true;
                        i += t - 1;
                        continue;
                    }
                }
                lastPrev = prev;
                double before = price == null ? a.nodeValue(c, prev) + a.bonus() : 0;
                a.clear(c, i);
                NodeDp.Result r = cached;
                if (r != null && (bonusSensitive || !a.fits(c, r))) r = null;
                if (r != null && price == null) { // reuse only when it is no worse than what the node had
                    a.set(c, i, r.units(), r.moved());
                    double after = a.nodeValue(c, r.units()) + a.bonus();
                    a.clear(c, i);
                    if (after < before) r = null;
                }
                if (r == null) {
                    r = dp.solve(c, price, poolPrice == null ? 0 : poolPrice[c.pool], a, a.remBudget(c), price == null);
                    bonusSensitive = false;
                    if (price == null) for (int e = 1; e < r.units().length; e++)
                        if (r.units()[e] > 0 && p.min[c.opt[e]] > a.usage[c.opt[e]]) bonusSensitive = true;
                    cached = r;
                }
                a.set(c, i, r.units(), r.moved());
                if (price == null && a.nodeValue(c, r.units()) + a.bonus() > before + 1e-9) improved = true;
            }
        }
        return improved;
    }
}
