package io.gpushift.engine.planner;

import java.util.Arrays;

/**
 * The dual's relaxed node problem (no caps, no budget) solved in two parts. GPUs a node gives to a new use earn a fixed
 * amount per replica at given prices, the same for every class of a group (pool, product, memory, movable GPUs, pin),
 * so the best way to fill j GPUs with new uses (idle included) is one small table per group and dual step. A class
 * then only chooses how much of what runs now to keep (each current use between none and all it has), and fills the
 * rest from the table. Same optimum as the node DP over all candidates; far fewer steps per class.
 */
final class RelaxedParts {
    private final Problem p;
    private final double[][] fill;  // [group][j] best value of j GPUs given to new uses
    private final int[][] lastSize; // [group][j] replica size of the last replica in that fill
    private final int[][] bestOpt;  // [group][k] best new option of replica size k (0 = idle), -1 = none
    private final int[] at;         // dual evaluation the group's table was built in
    private double[] keep = new double[9], next = new double[9];
    private int[] choice = new int[0], unitsBuf = new int[0];

    RelaxedParts(Problem p, NodeClass[] reps) {
        this.p = p;
        fill = new double[reps.length][];
        lastSize = new int[reps.length][];
        bestOpt = new int[reps.length][];
        for (int g = 0; g < reps.length; g++) {
            fill[g] = new double[reps[g].free + 1];
            lastSize[g] = new int[reps[g].free + 1];
            bestOpt[g] = new int[reps[g].free + 1];
        }
        at = new int[reps.length];
        Arrays.fill(at, -1);
    }

    /** Builds group g's table at prices rho from its best new option per size ({@code top[k][0]}). */
    void table(int g, NodeClass rep, int[][] top, double[] rho, int stamp) {
        if (at[g] == stamp) return;
        at[g] = stamp;
        double[] base = rep.unitBase(p);
        int f = rep.free;
        int[] bo = bestOpt[g];
        double[] unit = new double[f + 1];
        for (int k = 1; k <= f; k++) {
            bo[k] = top[k][0];
            if (bo[k] >= 0) unit[k] = base[rep.entryOfOption(bo[k], rho.length)] - rho[bo[k]];
        }
        if (f >= 1 && (bo[1] < 0 || base[0] > unit[1])) { // idle GPUs beyond those idle now: a size-1 new use
            bo[1] = 0;
            unit[1] = base[0];
        }
        double[] fv = fill[g];
        int[] ls = lastSize[g];
        fv[0] = 0;
        for (int j = 1; j <= f; j++) {
            fv[j] = Double.NEGATIVE_INFINITY;
            for (int k = 1; k <= j; k++) {
                if (bo[k] < 0 || fv[j - k] == Double.NEGATIVE_INFINITY) continue;
                double v = fv[j - k] + unit[k];
                if (v > fv[j]) {
                    fv[j] = v;
                    ls[j] = k;
                }
            }
        }
    }

    /** Class c's relaxed solution from its group's table; {@code prev}'s arrays are reused when the units match. */
    NodeDp.Result solve(NodeClass c, int g, double[] rho, double pi, NodeDp.Result prev) {
        int f = c.free;
        int[] cur = c.currentEntries();
        if (keep.length < f + 1) {
            keep = new double[f + 1];
            next = new double[f + 1];
        }
        if (choice.length < cur.length * (f + 1)) choice = new int[cur.length * (f + 1)];
        Arrays.fill(keep, 0, f + 1, Double.NEGATIVE_INFINITY);
        keep[0] = 0;
        for (int i = 0; i < cur.length; i++) { // keep[j]: best value of keeping j GPUs on current uses
            int e = cur[i];
            int k = p.unitGpus[c.opt[e]];
            int most = c.maxUnits[e] > 0 ? c.cur[e] / k : 0;
            double leaveExtra = e == 0 || c.exempt[e] ? 0 : pi;
            double price = rho[c.opt[e]];
            Arrays.fill(next, 0, f + 1, Double.NEGATIVE_INFINITY);
            for (int j = 0; j <= f; j++) {
                if (keep[j] == Double.NEGATIVE_INFINITY) continue;
                for (int n = 0; n <= most && j + n * k <= f; n++) {
                    double v = keep[j] + c.entryValue(e, n * k) - leaveExtra * (c.cur[e] - n * k) - price * n;
                    if (v > next[j + n * k]) {
                        next[j + n * k] = v;
                        choice[i * (f + 1) + j + n * k] = n;
                    }
                }
            }
            double[] t = keep;
            keep = next;
            next = t;
        }
        double[] fv = fill[g];
        int bestJ = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= f; j++) {
            if (keep[j] == Double.NEGATIVE_INFINITY || fv[f - j] == Double.NEGATIVE_INFINITY) continue;
            if (keep[j] + fv[f - j] > best) {
                best = keep[j] + fv[f - j];
                bestJ = j;
            }
        }
        int n = c.opt.length;
        if (unitsBuf.length < n) unitsBuf = new int[n];
        int[] units = unitsBuf; // all zero between solves
        for (int i = cur.length - 1, j = bestJ; i >= 0; i--) {
            int kept = choice[i * (f + 1) + j];
            units[cur[i]] = kept;
            j -= kept * p.unitGpus[c.opt[cur[i]]];
        }
        for (int j = f - bestJ; j > 0; j -= lastSize[g][j])
            units[c.entryOfOption(bestOpt[g][lastSize[g][j]], rho.length)]++;
        int moved = 0;
        for (int e : cur) moved += c.moved(e, units[e] * p.unitGpus[c.opt[e]]);
        NodeDp.Result r;
        if (prev != null && Arrays.equals(prev.units(), 0, n, units, 0, n)) { // unchanged: no new arrays
            r = new NodeDp.Result(prev.units(), best, moved, prev.nonzero());
        } else {
            int nz = 0;
            for (int e = 0; e < n; e++) if (units[e] != 0) nz++;
            int[] nonzero = new int[nz];
            nz = 0;
            for (int e = 0; e < n; e++) if (units[e] != 0) nonzero[nz++] = e;
            r = new NodeDp.Result(Arrays.copyOf(units, n), best, moved, nonzero);
        }
        Arrays.fill(units, 0, n, 0);
        return r;
    }
}
