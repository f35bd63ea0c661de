package io.gpushift.engine.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rounds the LP over class configurations ({@link ColumnGeneration}) to a plan. The LP gives each class its nodes as
 * shares of configurations; where prices tie it splits a class, and rounding a split class to whole configurations
 * overshoots a row (a cap, a guarantee, a budget) somewhere, whose repair costs value. Here:
 * <ol>
 * <li>each class's whole shares first, then its remainder nodes each get the <em>mix</em> of the fractional parts
 * (units rounded down, idle the rest): a node with 4 GPUs of one option and 4 of another meets the rows as the LP's
 * halves did. A mix is worth at least the average of its configurations (each entry's value is concave in its GPUs)
 * and disrupts at most as much;</li>
 * <li>guaranteed replicas the rounding down left out go one at a time to the node where one costs least at the
 * prices;</li>
 * <li>the nodes of split classes, mixes first, are re-solved at the prices under what is left, ties broken towards
 * the scarce rows the rounding down left slack in;</li>
 * <li>any node still without a use gets its best one at the prices.</li>
 * </ol>
 * The caller polishes the result at true values.
 */
final class LpRounding {
    /**
     * USD per unit taken off the price of every scarce option when the split classes are re-solved: the LP's prices tie
     * those classes' configurations, and this breaks the tie towards filling what the rounding down left unused.
     * Far below any value difference that matters (a plan's value is in the thousands).
     */
    static final double TIE_BREAK = 1e-3;
    /**
     * Node solves the placement of missing contract replicas may spend (determinism: a count, not time); past it the
     * true-value sweeps place what is left (the guarantee bonus comes first there too), only less cheaply.
     */
    static final int GUARANTEE_SOLVES = 20_000;

    private record Share(NodeDp.Result r, double nodes) {
    }

    private final Problem p;
    private final NodeDp dp;
    private final List<List<Share>> shares = new ArrayList<>();

    LpRounding(Problem p, NodeDp dp) {
        this.p = p;
        this.dp = dp;
        for (int i = 0; i < p.classes.size(); i++) shares.add(new ArrayList<>());
    }

    /** Adds the LP's share (in nodes) of one configuration of class c. */
    void add(NodeClass c, NodeDp.Result r, double nodes) {
        shares.get(c.index).add(new Share(r, nodes));
    }

    /**
     * The rounded plan at the LP's prices (per option unit, per disrupted GPU per pool); null when some node has no
     * feasible use left.
     */
    Allocation round(double[] price, double[] poolPrice) {
        Allocation a = new Allocation(p);
        int[] whole = new int[p.classes.size()]; // nodes given whole shares, first in the class
        NodeDp.Result[] mix = new NodeDp.Result[p.classes.size()];
        for (NodeClass c : p.classes) {
            double[] rest = new double[c.opt.length];
            for (Share s : shares.get(c.index)) {
                int n = (int) Math.floor(s.nodes() + 1e-9);
                NodeDp.Result r = s.r();
                for (int j = 0; j < n && whole[c.index] < c.size(); j++)
                    if (a.fits(c, r)) a.set(c, whole[c.index]++, r.units(), r.moved());
                    else whole[c.index]++; // left without a use: filled at the end
                double frac = Math.max(0, s.nodes() - n);
                for (int e : r.nonzero()) rest[e] += frac * r.units()[e];
            }
            int left = c.size() - whole[c.index];
            if (left > 0 && !shares.get(c.index).isEmpty()) mix[c.index] = mix(c, rest, left, a);
        }
        for (NodeClass c : p.classes) {
            NodeDp.Result m = mix[c.index];
            if (m == null) continue;
            for (int i = whole[c.index]; i < c.size(); i++) if (a.fits(c, m)) a.set(c, i, m.units(), m.moved());
        }
        placeGuarantees(a, price, poolPrice);
        double[] biased = price.clone();
        for (int o = 1; o < biased.length; o++) if (biased[o] > 0) biased[o] -= TIE_BREAK;
        for (NodeClass c : p.classes) {
            if (mix[c.index] == null) continue;
            for (int k = 0; k < c.size(); k++) {
                int i = (whole[c.index] + k) % c.size(); // the mixes first
                int[] old = a.units[c.index][i];
                if (old == null) continue;
                a.clear(c, i);
                NodeDp.Result r = dp.solve(c, biased, poolPrice[c.pool], a, a.remBudget(c), true);
                if (r != null) a.set(c, i, r.units(), r.moved());
                else a.set(c, i, old, a.movedOf(c, old));
            }
        }
        return Recovery.fillRest(p, a, dp, price, poolPrice);
    }

    /** The remainders' units spread evenly over {@code nodes} nodes, rounded down; null when they do not fit a node. */
    private NodeDp.Result mix(NodeClass c, double[] rest, int nodes, Allocation a) {
        int[] u = new int[c.opt.length];
        int gpus = 0;
        for (int e = 1; e < u.length; e++) {
            u[e] = (int) Math.floor(rest[e] / nodes + 1e-9);
            gpus += u[e] * p.unitGpus[c.opt[e]];
        }
        u[0] = c.free - gpus;
        if (u[0] < 0) return null;
        return NodeDp.Result.of(u, a.nodeValue(c, u), a.movedOf(c, u));
    }

    /**
     * Guaranteed replicas still missing go one at a time to the node whose configuration with one more costs least at
     * the prices (its best relaxed value less the new configuration's), not to the first node in class order that can
     * host one: where the LP split a replica between classes, one of those hosts it at no loss.
     */
    private void placeGuarantees(Allocation a, double[] price, double[] poolPrice) {
        double[] want = new double[p.classes.size()]; // best relaxed value per class at the prices
        Arrays.fill(want, Double.NaN);
        int solves = 0;
        for (int o = 1; o < p.optionCount(); o++) {
            while (p.bonus[o] > 0 && a.usage[o] < p.min[o]) {
                NodeClass bestClass = null;
                int bestNode = -1;
                NodeDp.Result bestResult = null;
                double least = Double.POSITIVE_INFINITY;
                for (NodeClass c : p.classes) {
                    int e = c.entryOfOption(o, p.optionCount());
                    if (e < 0 || c.maxUnits[e] <= 0) continue;
                    if (Double.isNaN(want[c.index]))
                        want[c.index] = dp.solve(c, price, poolPrice[c.pool], null, Integer.MAX_VALUE, false).value();
                    int[] prev = null;
                    for (int i = 0; i < c.size() && solves < GUARANTEE_SOLVES; i++) {
                        int[] old = a.units[c.index][i];
                        if (old == null || old == prev) continue; // same configuration as the node before
                        prev = old;
                        solves++;
                        a.clear(c, i);
                        NodeDp.Result r = dp.solve(c, price, poolPrice[c.pool], a, a.remBudget(c), true);
                        a.set(c, i, old, a.movedOf(c, old));
                        if (r == null || r.units()[e] <= old[e]) continue;
                        double loss = want[c.index] - SwapSearch.priced(p, c, r.units(), price, poolPrice);
                        if (loss < least - 1e-9) {
                            least = loss;
                            bestClass = c;
                            bestNode = i;
                            bestResult = r;
                        }
                    }
                }
                if (bestClass == null) break; // nowhere left: reported unmet
                a.clear(bestClass, bestNode);
                a.set(bestClass, bestNode, bestResult.units(), bestResult.moved());
            }
        }
    }
}
