package io.gpushift.engine.planner;

import java.util.Arrays;

/**
 * A (partial) plan in class form: per class and node (name order) the units per class entry, plus running totals
 * that the constraints are checked against. Per-node arrays are shared between nodes that got the same result.
 */
final class Allocation {
    final Problem p;
    final int[][][] units;     // [class][node][entry]
    final int[] usage;         // units per option, fixed ones included
    final int[] moved;         // GPUs taken from running work per pool
    final int[] effCap;        // cap, but never below what is already fixed

    Allocation(Problem p) {
        this.p = p;
        units = new int[p.classes.size()][][];
        for (NodeClass c : p.classes) units[c.index] = new int[c.size()][];
        usage = p.fixedUnits.clone();
        for (int o = 0; o < usage.length; o++) bonusSum += p.bonus[o] * Math.min(usage[o], p.min[o]);
        moved = new int[p.pools.size()];
        effCap = new int[p.optionCount()];
        for (int o = 0; o < effCap.length; o++) effCap[o] = Math.max(p.cap[o], p.fixedUnits[o]);
    }

    Allocation copy() {
        Allocation a = new Allocation(p);
        for (int c = 0; c < units.length; c++) a.units[c] = units[c].clone();
        System.arraycopy(usage, 0, a.usage, 0, usage.length);
        System.arraycopy(moved, 0, a.moved, 0, moved.length);
        a.bonusSum = bonusSum;
        return a;
    }

    int rem(int o) {
        return effCap[o] - usage[o];
    }

    int remBudget(NodeClass c) {
        return p.budget[c.pool] - moved[c.pool];
    }

    boolean fits(NodeClass c, NodeDp.Result r) {
        if (r.moved() > remBudget(c)) return false;
        for (int e = 1; e < r.units().length; e++) if (r.units()[e] > rem(c.opt[e])) return false;
        return true;
    }

    private double bonusSum;

    private void add(int o, int delta) {
        if (p.bonus[o] > 0) bonusSum += p.bonus[o] * (Math.min(usage[o] + delta, p.min[o]) - Math.min(usage[o], p.min[o]));
        usage[o] += delta;
    }

    void set(NodeClass c, int node, int[] u, int movedGpus) {
        units[c.index][node] = u;
        for (int e = 1; e < u.length; e++) if (u[e] != 0) add(c.opt[e], u[e]);
        moved[c.pool] += movedGpus;
    }

    void clear(NodeClass c, int node) {
        int[] u = units[c.index][node];
        if (u == null) return;
        for (int e = 1; e < u.length; e++) if (u[e] != 0) add(c.opt[e], -u[e]);
        moved[c.pool] -= movedOf(c, u);
        units[c.index][node] = null;
    }

    /**
     * Gives {@code r} to the run of nodes from {@code from} on that hold {@code prev} (the same array), as many as a
     * node-by-node sweep would (each node: release, check {@code r} fits the remaining caps and budget, take it).
     * Only when no guaranteed option changes (the bonus stays as it is) and, with {@code trueValues}, r is no worse
     * than prev. Returns the number of nodes that took r (0: the caller goes node by node).
     */
    int adoptRun(NodeClass c, int from, int[] prev, NodeDp.Result r, boolean trueValues) {
        int[] u = r.units();
        int[][] nodes = units[c.index];
        int run = 0;
        while (from + run < nodes.length && nodes[from + run] == prev) run++;
        if (run == 0) return 0;
        long t = run;
        {
            if (trueValues && nodeValue(c, u) < nodeValue(c, prev)) return 0;
            for (int e = 1; e < u.length && t > 0; e++) {
                int d = u[e] - prev[e];
                if (d == 0 && u[e] == 0) continue;
                int o = c.opt[e];
                if (d != 0 && p.bonus[o] > 0) return 0;
                long rem0 = (long) effCap[o] - usage[o];
                if (d > 0) t = Math.min(t, rem0 / d);
                else if (u[e] > rem0 + prev[e]) t = 0;
            }
            int mp = movedOf(c, prev);
            long dm = (long) r.moved() - mp;
            long b0 = (long) p.budget[c.pool] - moved[c.pool];
            if (dm > 0) t = Math.min(t, b0 / dm);
            else if (r.moved() > b0 + mp) t = 0;
            if (t <= 0) return 0;
            for (int e = 1; e < u.length; e++) usage[c.opt[e]] += (int) t * (u[e] - prev[e]);
            moved[c.pool] += (int) (t * dm);
        }
        for (int k = 0; k < t; k++) nodes[from + k] = u;
        return (int) t;
    }

    int movedOf(NodeClass c, int[] u) {
        return c.configMoved(u, p.unitGpus);
    }

    double nodeValue(NodeClass c, int[] u) {
        return c.configValue(u, p.unitGpus);
    }

    /** The objective: horizon profit net of switch costs and margins, plus the guarantee bonus. */
    double objective() {
        double v = 0;
        for (NodeClass c : p.classes) {
            int[] last = null;
            double lv = 0;
            for (int[] u : units[c.index]) {
                if (u != last) {
                    last = u;
                    lv = nodeValue(c, u);
                }
                v += lv;
            }
        }
        return v + bonus();
    }

    /** Guarantee bonus of the current usage (kept incrementally: it is read after every node move). */
    double bonus() {
        return bonusSum;
    }

    boolean complete() {
        for (int[][] cl : units) if (Arrays.stream(cl).anyMatch(x -> x == null)) return false;
        return true;
    }
}
