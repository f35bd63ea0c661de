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
    record Result(int[] units, double value, int moved) {
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
        int f = c.free;
        boolean track = remBudget < c.movable;
        int bdim = track ? Math.max(0, remBudget) + 1 : 1;
        int states = (f + 1) * bdim;
        double[] dp = new double[states];
        Arrays.fill(dp, Double.NEGATIVE_INFINITY);
        dp[0] = 0;
        int[][] choice = new int[nItems][];
        for (int it = 0; it < nItems; it++) {
            int e = items[it];
            int o = c.opt[e];
            int k = p.unitGpus[o];
            int limit = Math.min(c.maxUnits[e], f / k);
            if (rem != null) limit = Math.min(limit, Math.max(0, rem[e]));
            double pr = price == null ? 0 : price[o];
            double leaveExtra = e == 0 || c.exempt[e] ? 0 : poolPrice;
            double[] fv = new double[limit + 1];
            int[] mv = new int[limit + 1];
            for (int n = 0; n <= limit; n++) {
                int g = n * k;
                fv[n] = c.entryValue(e, g) - leaveExtra * Math.max(0, c.cur[e] - g) - pr * n
                        + (room == null ? 0 : p.bonus[o] * Math.min(n, room[e]));
                mv[n] = track ? c.moved(e, g) : 0;
            }
            double[] next = new double[states];
            Arrays.fill(next, Double.NEGATIVE_INFINITY);
            int[] ch = new int[states];
            for (int j = 0; j <= f; j++) {
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
                            ch[s] = n;
                        }
                    }
                }
            }
            dp = next;
            choice[it] = ch;
        }
        int bestB = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < bdim; b++) {
            if (dp[f * bdim + b] > best) {
                best = dp[f * bdim + b];
                bestB = b;
            }
        }
        int[] units = new int[c.opt.length];
        if (bestB < 0) return null;
        int j = f, b = bestB;
        for (int it = nItems - 1; it >= 0; it--) {
            int e = items[it];
            int n = choice[it][j * bdim + b];
            units[e] = n;
            j -= n * p.unitGpus[c.opt[e]];
            if (track) b -= c.moved(e, n * p.unitGpus[c.opt[e]]);
        }
        int moved = 0;
        for (int e = 0; e < units.length; e++) moved += c.moved(e, units[e] * p.unitGpus[c.opt[e]]);
        return new Result(units, best, moved);
    }

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

    /** Idle, current uses, guaranteed options still short, and per size the best others until they could fill the node. */
    private int selectItems(NodeClass c, double[] price, int[] rem, int[] room) {
        int n = c.opt.length;
        if (items.length < n) {
            items = new int[n];
            picked = new boolean[n];
            unitValue = new double[n];
        }
        int count = 0;
        for (int e = 0; e < n; e++) {
            int o = c.opt[e];
            picked[e] = false;
            if (e == 0 || c.cur[e] > 0 || (room != null && room[e] > 0 && p.bonus[o] > 0)) {
                items[count++] = e;
                picked[e] = true;
            } else if (c.maxUnits[e] > 0 && (rem == null || rem[e] > 0)) {
                unitValue[e] = p.unitGpus[o] * (c.value[e] - c.start[e]) - (price == null ? 0 : price[o]);
            } else picked[e] = true; // not usable
        }
        // per replica size, repeatedly take the best remaining candidate until their units could fill the node;
        // linear scans: usually one or two picks per size, far cheaper than sorting ~100 candidates per call
        for (int k = 1; k <= c.free; k++) {
            int covered = 0;
            while (covered < c.free / k) {
                int best = -1;
                for (int e = 1; e < n; e++) {
                    if (picked[e] || p.unitGpus[c.opt[e]] != k) continue;
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
        Arrays.sort(items, 0, count);
        return count;
    }
}
