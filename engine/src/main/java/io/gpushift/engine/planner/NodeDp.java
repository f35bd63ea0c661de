package io.gpushift.engine.planner;

import java.util.Arrays;

/**
 * Exact best use of one node of a class: a bounded multiple-choice knapsack over the node's movable GPUs (and, when
 * the remaining disruption budget is smaller than what the node could disrupt, over GPUs disrupted).
 * Options the node does not use yet are linear per unit, so per replica size only the best few of them are needed
 * to fill the node; that keeps the item list short without losing optimality.
 * Not thread-safe (reuses buffers); one instance per decision.
 */
final class NodeDp {
    /** The chosen units per class entry, the value and the GPUs disrupted. */
    record Result(int[] units, double value, int moved, int[] nonzero) {
        /** A configuration made outside the DP (an LP column, a mix of the LP's shares), its non-zero entries listed. */
        static Result of(int[] units, double value, int moved) {
            return new Result(units, value, moved,
                    java.util.stream.IntStream.range(0, units.length).filter(e -> units[e] != 0).toArray());
        }
    }

    private final Problem p;
    private int[] items = new int[16];
    private boolean[] picked = new boolean[16];
    private double[] unitValue = new double[16];

    NodeDp(Problem p) {
        this.p = p;
    }

    /**
     * @param price     per option unit, subtracted (Lagrange prices), or null
     * @param poolPrice per GPU disrupted in the class's pool (Lagrange price of the budget)
     * @param a         the allocation whose remaining caps (and, with {@code bonus}, guarantee room) apply; null = no caps
     * @param remBudget remaining disruption budget of the pool
     * @param bonus     add the guarantee bonus for replicas still short of minReplicas
     */
    Result solve(NodeClass c, double[] price, double poolPrice, Allocation a, int remBudget, boolean bonus) {
        int[] rem = a == null ? null : remaining(a, c);
        int[] room = bonus && a != null ? room(a, c) : null;
        int nItems = selectItems(c, price, rem, room);
        return run(c, price, poolPrice, rem, room, remBudget, nItems);
    }

    private Result run(NodeClass c, double[] price, double poolPrice, int[] rem, int[] room, int remBudget, int nItems) {
        int f = c.free;
        boolean track = remBudget < c.movable;
        int bdim = track ? Math.max(0, remBudget) + 1 : 1;
        int states = (f + 1) * bdim;
        if (dpBuf.length < states) {
            dpBuf = new double[states];
            nextBuf = new double[states];
        }
        if (choiceBuf.length < nItems * states) choiceBuf = new int[nItems * states];
        if (fvBuf.length < f + 1) {
            fvBuf = new double[f + 1];
            mvBuf = new int[f + 1];
        }
        double[] dp = dpBuf, next = nextBuf;
        double[] fv = fvBuf;
        int[] mv = mvBuf;
        Arrays.fill(dp, 0, states, Double.NEGATIVE_INFINITY);
        dp[0] = 0;
        int reach = 0; // highest GPU count reached so far
        for (int it = 0; it < nItems; it++) {
            int e = items[it];
            int o = c.opt[e];
            int k = p.unitGpus[o];
            int limit = Math.min(c.maxUnits[e], f / k);
            if (rem != null) limit = Math.min(limit, Math.max(0, rem[e]));
            double pr = price == null ? 0 : price[o];
            double leaveExtra = e == 0 || c.exempt[e] ? 0 : poolPrice;
            for (int n = 0; n <= limit; n++) {
                int g = n * k;
                fv[n] = c.entryValue(e, g) - leaveExtra * Math.max(0, c.cur[e] - g) - pr * n
                        + (room == null ? 0 : p.bonus[o] * Math.min(n, room[e]));
                mv[n] = track ? c.moved(e, g) : 0;
            }
            Arrays.fill(next, 0, states, Double.NEGATIVE_INFINITY);
            int chBase = it * states;
            for (int j = 0; j <= reach; j++) {
                for (int b = 0; b < bdim; b++) {
                    double base = dp[j * bdim + b];
                    if (base == Double.NEGATIVE_INFINITY) continue;
                    for (int n = 0; n <= limit && j + n * k <= f; n++) {
                        int nb = b + mv[n];
                        if (nb >= bdim) continue;
                        int s = (j + n * k) * bdim + nb;
                        double val = base + fv[n];
                        if (val > next[s]) {
                            next[s] = val;
                            choiceBuf[chBase + s] = n;
                        }
                    }
                }
            }
            reach = Math.min(f, reach + limit * k);
            double[] t = dp;
            dp = next;
            next = t;
        }
        int bestB = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < bdim; b++) {
            if (dp[f * bdim + b] > best) {
                best = dp[f * bdim + b];
                bestB = b;
            }
        }
        if (bestB < 0) return null;
        if (unitsBuf.length < c.opt.length) unitsBuf = new int[c.opt.length];
        int[] units = unitsBuf; // zero outside the items (each solve clears what it wrote)
        int j = f, b = bestB;
        for (int it = nItems - 1; it >= 0; it--) {
            int e = items[it];
            int n = choiceBuf[it * states + j * bdim + b];
            units[e] = n;
            j -= n * p.unitGpus[c.opt[e]];
            if (track) b -= c.moved(e, n * p.unitGpus[c.opt[e]]);
        }
        // every entry with GPUs now is an item, so the items carry all that moved and all that is used
        int moved = 0, nz = 0;
        for (int it = 0; it < nItems; it++) {
            int e = items[it];
            moved += c.moved(e, units[e] * p.unitGpus[c.opt[e]]);
            if (units[e] != 0) nz++;
        }
        int[] nonzero = new int[nz];
        nz = 0;
        for (int it = 0; it < nItems; it++) if (units[items[it]] != 0) nonzero[nz++] = items[it];
        int[] out = java.util.Arrays.copyOf(units, c.opt.length);
        for (int it = 0; it < nItems; it++) units[items[it]] = 0;
        return new Result(out, best, moved, nonzero);
    }

    private double[] dpBuf = new double[0], nextBuf = new double[0], fvBuf = new double[0];
    private int[] choiceBuf = new int[0], mvBuf = new int[0], unitsBuf = new int[0];

    private int[] remBuf = new int[16], roomBuf = new int[16];

    /** Remaining units per class entry (not per option: the class only needs its own few). */
    private int[] remaining(Allocation a, NodeClass c) {
        if (remBuf.length < c.opt.length) remBuf = new int[c.opt.length];
        for (int e = 0; e < c.opt.length; e++) remBuf[e] = a.effCap[c.opt[e]] - a.usage[c.opt[e]];
        return remBuf;
    }

    private int[] room(Allocation a, NodeClass c) {
        if (roomBuf.length < c.opt.length) roomBuf = new int[c.opt.length];
        for (int e = 0; e < c.opt.length; e++) roomBuf[e] = Math.max(0, p.min[c.opt[e]] - a.usage[c.opt[e]]);
        return roomBuf;
    }

    /** Grows the scratch arrays shared by the solves to hold {@code n} entries. */
    private void ensureCapacity(int n) {
        if (items.length < n) {
            items = new int[n];
            picked = new boolean[n];
            unitValue = new double[n];
        }
    }

    /** Idle, current uses, guaranteed options still short, and per size the best others until they could fill the node. */
    private int selectItems(NodeClass c, double[] price, int[] rem, int[] room) {
        int n = c.opt.length;
        ensureCapacity(n);
        int count = 0;
        double[] base = c.unitBase(p);
        for (int e = 0; e < n; e++) {
            int o = c.opt[e];
            picked[e] = false;
            if (e == 0 || c.cur[e] > 0 || (room != null && room[e] > 0 && p.bonus[o] > 0)) {
                items[count++] = e;
                picked[e] = true;
            } else if (c.maxUnits[e] > 0 && (rem == null || rem[e] > 0)) {
                unitValue[e] = base[e] - (price == null ? 0 : price[o]);
            } else picked[e] = true; // not usable
        }
        // per replica size, repeatedly take the best remaining candidate until their units could fill the node;
        // linear scans over that size's entries: usually one pick per size
        for (int k = 1; k <= c.free; k++) {
            int[] group = c.bySize[k];
            if (group.length == 0) continue;
            int covered = 0;
            while (covered < c.free / k) {
                int best = -1;
                for (int e : group) {
                    if (picked[e]) continue;
                    if (best < 0 || unitValue[e] > unitValue[best]) best = e;
                }
                if (best < 0) break;
                picked[best] = true;
                items[count++] = best;
                int limit = Math.min(c.maxUnits[best], c.free / k);
                if (rem != null) limit = Math.min(limit, rem[best]);
                covered += limit;
            }
        }
        for (int i = 1; i < count; i++) { // insertion sort: a handful of items
            int x = items[i], j = i - 1;
            while (j >= 0 && items[j] > x) {
                items[j + 1] = items[j];
                j--;
            }
            items[j + 1] = x;
        }
        return count;
    }
}
