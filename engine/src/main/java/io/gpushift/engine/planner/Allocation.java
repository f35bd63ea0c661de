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

    int movedOf(NodeClass c, int[] u) {
        int m = 0;
        for (int e = 0; e < u.length; e++) m += c.moved(e, u[e] * p.unitGpus[c.opt[e]]);
        return m;
    }

    double nodeValue(NodeClass c, int[] u) {
        double v = 0;
        for (int e = 0; e < u.length; e++) v += c.entryValue(e, u[e] * p.unitGpus[c.opt[e]]);
        return v;
    }

    /** The objective: horizon profit net of switch costs and margins, plus the guarantee bonus. */
    double objective() {
        double v = 0;
        for (NodeClass c : p.classes) for (int[] u : units[c.index]) v += nodeValue(c, u);
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
