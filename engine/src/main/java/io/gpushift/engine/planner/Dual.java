package io.gpushift.engine.planner;

/**
 * Lagrangian relaxation: the caps (max GPUs, max replicas), the guarantee bonus and the disruption budgets are priced
 * instead of enforced, so each class solves its node DP alone. Any prices give an upper bound on the objective;
 * subgradient steps (Polyak rule, deterministic) tighten it and the prices then steer {@link Greedy}.
 */
final class Dual {
    final Problem p;
    private final NodeDp dp;
    final double[] rho;    // per option unit
    final double[] pi;     // per disrupted GPU, per pool
    private final boolean[] priced;
    private final int[] poolMovable;
    double value;
    private final int[] reach;
    final long[] used;
    final long[] moved;

    Dual(Problem p, NodeDp dp) {
        this.p = p;
        this.dp = dp;
        rho = new double[p.optionCount()];
        pi = new double[p.pools.size()];
        priced = new boolean[p.optionCount()];
        int count = 0;
        for (int o = 1; o < priced.length; o++) {
            priced[o] = p.cap[o] < Problem.UNLIMITED || p.bonus[o] > 0;
            if (priced[o]) count++;
        }
        pricedCount = count;
        poolMovable = new int[p.pools.size()];
        for (NodeClass c : p.classes) poolMovable[c.pool] += c.movable * c.size();
        used = new long[p.optionCount()];
        // the most units an option could ever reach: a tighter cap for the relaxation (an unplaceable guarantee
        // must not leave its bonus in the bound)
        long[] potential = p.fixedUnits.length == 0 ? new long[0] : toLong(p.fixedUnits);
        for (NodeClass c : p.classes)
            for (int e = 1; e < c.opt.length; e++) potential[c.opt[e]] += (long) Math.min(c.maxUnits[e], c.free / p.unitGpus[c.opt[e]]) * c.size();
        reach = new int[p.optionCount()];
        for (int o = 0; o < reach.length; o++)
            reach[o] = (int) Math.min(Math.max(p.cap[o], p.fixedUnits[o]), potential[o]);
        moved = new long[p.pools.size()];
        groupOf = new int[p.classes.size()];
        java.util.Map<String, Integer> groups = new java.util.HashMap<>();
        java.util.List<NodeClass> reps = new java.util.ArrayList<>();
        for (NodeClass c : p.classes) {
            String key = c.pool + "|" + c.product + "|" + c.nodes.get(0).gpuMemoryMiB() + "|" + c.free + "|" + c.pin;
            Integer g = groups.get(key);
            if (g == null) {
                g = reps.size();
                groups.put(key, g);
                reps.add(c);
            }
            groupOf[c.index] = g;
        }
        groupRep = reps.toArray(new NodeClass[0]);
        groupTop = new int[groupRep.length][][];
        for (int g = 0; g < groupRep.length; g++) {
            groupTop[g] = new int[groupRep[g].free + 1][TOP];
        }
        groupAt = new int[groupRep.length];
        parts = new RelaxedParts(p, groupRep);
        java.util.Arrays.fill(groupAt, -1);
        cache = new NodeDp.Result[p.classes.size()];
        solvedAt = new int[p.classes.size()];
        rhoChanged = new int[p.optionCount()];
        piChanged = new int[p.pools.size()];
    }

    /** Sets the prices of priced options and of budgets (e.g. an LP's duals) for the next {@link #evaluate()}. */
    void setPrices(double[] r, double[] q) {
        changedInStep = 0;
        for (int o = 1; o < rho.length; o++) {
            if (!priced[o] || r[o] == rho[o]) continue;
            rho[o] = r[o];
            rhoChanged[o] = evaluations + 1;
            changedInStep++;
        }
        for (int i = 0; i < pi.length; i++) {
            if (q[i] == pi[i]) continue;
            pi[i] = q[i];
            piChanged[i] = evaluations + 1;
        }
    }

    /** GPUs per pool that could be taken from running work (a budget at least this large never binds). */
    int[] poolMovable() {
        return poolMovable;
    }

    /** L(rho, pi); fills {@link #used} and {@link #moved} with the relaxed solution's totals. */
    double evaluate() {
        double l = 0;
        System.arraycopy(toLong(p.fixedUnits), 0, used, 0, used.length);
        java.util.Arrays.fill(moved, 0);
        evaluations++;
        // when most prices moved in the last step nearly every class must be re-solved: skip the per-class check
        boolean resolveAll = changedInStep * 2 > pricedCount;
        for (NodeClass c : p.classes) {
            NodeDp.Result r = cache[c.index];
            if (r == null || resolveAll || piChanged[c.pool] > solvedAt[c.index] || pricesChanged(c)) {
                r = relaxed(c);
                cache[c.index] = r;
                solvedAt[c.index] = evaluations;
            }
            l += r.value() * c.size();
            for (int e : r.nonzero()) if (e > 0) used[c.opt[e]] += (long) r.units()[e] * c.size();
            moved[c.pool] += (long) r.moved() * c.size();
        }
        for (int o = 1; o < rho.length; o++) {
            if (!priced[o]) continue;
            int cap = reach[o];
            int min = Math.min(p.min[o], cap);
            double best = Math.max(0, Math.max(p.bonus[o] * min + rho[o] * min, p.bonus[o] * min + rho[o] * cap));
            l += best - rho[o] * p.fixedUnits[o];
        }
        for (int q = 0; q < pi.length; q++) l += pi[q] * p.budget[q];
        value = l;
        return l;
    }

    /**
     * One subgradient step with the Polyak rule towards {@code target} (the best feasible objective known): the
     * prices of over-used options and budgets rise, those of under-used ones fall. Returns false at a point where the
     * relaxed solution is feasible for every priced constraint (the gradient is zero).
     */
    boolean step(double target, double theta) {
        double[] g = new double[rho.length];
        double[] h = new double[pi.length];
        double norm = 0;
        for (int o = 1; o < rho.length; o++) {
            if (!priced[o]) continue;
            int cap = reach[o];
            int min = Math.min(p.min[o], cap);
            long r; // the relaxed total that maximises the priced cap/bonus term at rho
            if (rho[o] > 0) r = cap;
            else if (rho[o] == 0) r = Math.clamp(used[o], p.bonus[o] > 0 ? min : 0, cap);
            else if (rho[o] > -p.bonus[o]) r = min;
            else r = Math.min(used[o], min);
            g[o] = used[o] - r;
            if (p.bonus[o] == 0 && rho[o] <= 0 && g[o] < 0) g[o] = 0; // rho stays ≥ 0 without a bonus
            norm += g[o] * g[o];
        }
        for (int q = 0; q < pi.length; q++) {
            if (p.budget[q] >= poolMovable[q]) continue; // the budget can never bind
            h[q] = moved[q] - p.budget[q];
            if (pi[q] <= 0 && h[q] < 0) h[q] = 0;
            norm += h[q] * h[q];
        }
        if (norm == 0) return false;
        double t = theta * Math.max(value - target, 1e-6 * Math.abs(value) + 1e-6) / norm;
        changedInStep = 0;
        for (int o = 1; o < rho.length; o++) {
            if (g[o] == 0) continue;
            double r = Math.max(p.bonus[o] > 0 ? -p.bonus[o] : 0, rho[o] + t * g[o]);
            if (r != rho[o]) {
                rho[o] = r;
                rhoChanged[o] = evaluations + 1;
                changedInStep++;
            }
        }
        for (int q = 0; q < pi.length; q++) {
            double v = Math.max(0, pi[q] + t * h[q]);
            if (v != pi[q]) {
                pi[q] = v;
                piChanged[q] = evaluations + 1;
            }
        }
        return true;
    }

    // a class's relaxed solution depends only on the prices of its own entries and its pool's budget price:
    // classes whose prices did not move since their last solve reuse it
    /** Per class its relaxed solution at the latest prices. */
    final NodeDp.Result[] cache;
    private final int[] solvedAt;      // evaluation number of the cached solve, per class
    private final int[] rhoChanged;    // evaluation number before which rho last changed, per option
    private final int[] piChanged;     // same per pool
    private int evaluations;
    private int changedInStep;
    private final int pricedCount;

    private boolean pricesChanged(NodeClass c) {
        int at = solvedAt[c.index];
        for (int o : c.opt) if (rhoChanged[o] > at) return true;
        return false;
    }

    /**
     * Classes of the same pool, product, memory, movable GPUs and pin may start the same options at the same values;
     * they differ only in what runs now. Per such group and replica size the best new option at the current prices
     * is found once (not once per class).
     */
    private static final int TOP = 1;
    private final int[] groupOf;
    private final NodeClass[] groupRep;
    private final int[][][] groupTop;   // [group][size] best options (TOP, -1 padded)
    private final int[] groupAt;        // evaluation the group's tops were computed in
    private static final int MAX_FREE = 63; // larger nodes: the plain node DP
    private final RelaxedParts parts;

    private NodeDp.Result relaxed(NodeClass c) {
        int g = groupOf[c.index];
        if (c.free > MAX_FREE) return dp.solve(c, rho, pi[c.pool], null, Integer.MAX_VALUE, false);
        // the group's table of new uses, then the class's choice of what to keep: the same optimum as the node DP
        // over all candidates (RelaxedPartsTest) at a fraction of the cost
        parts.table(g, groupRep[g], tops(g), rho, evaluations);
        return parts.solve(c, g, rho, pi[c.pool], cache[c.index]);
    }

    private int[][] tops(int g) {
        if (groupAt[g] == evaluations) return groupTop[g];
        NodeClass rep = groupRep[g];
        double[] base = rep.unitBase(p);
        for (int k = 1; k <= rep.free; k++) {
            int[] t = groupTop[g][k];
            java.util.Arrays.fill(t, -1);
            double[] tv = new double[TOP];
            for (int e : rep.bySize[k]) {
                if (rep.maxUnits[e] <= 0) continue;
                int o = rep.opt[e];
                double v = base[e] - rho[o];
                // keep the TOP best by value, ties to the lower option index (entries come in option order)
                int pos = TOP;
                while (pos > 0 && (t[pos - 1] < 0 || v > tv[pos - 1])) pos--;
                if (pos >= TOP) continue;
                for (int i = TOP - 1; i > pos; i--) {
                    t[i] = t[i - 1];
                    tv[i] = tv[i - 1];
                }
                t[pos] = o;
                tv[pos] = v;
            }
        }
        groupAt[g] = evaluations;
        return groupTop[g];
    }

    private static long[] toLong(int[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i];
        return r;
    }
}
