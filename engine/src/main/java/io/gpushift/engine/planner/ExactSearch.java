package io.gpushift.engine.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * Branch and bound over every node's complete set of uses, for small problems: proves the plan optimal (or finds a
 * better one than {@link Greedy}). Identical nodes of a class take configurations in non-increasing order, so
 * permutations are not searched twice. Gives up (unproven) past a work limit.
 */
final class ExactSearch {
    private static final int MAX_CONFIGS = 5_000;
    private static final long MAX_EXPANSIONS = 400_000;

    private final Problem p;
    private final List<int[]>[] configs;
    private final double[][] values;
    private final int[] nodeClass;   // flattened nodes, class by class
    private final double[] suffixBest;
    private Allocation best;
    private double bestValue;
    private long expansions;

    @SuppressWarnings("unchecked")
    private ExactSearch(Problem p) {
        this.p = p;
        configs = new List[p.classes.size()];
        values = new double[p.classes.size()][];
        int total = p.classes.stream().mapToInt(NodeClass::size).sum();
        nodeClass = new int[total];
        suffixBest = new double[total + 1];
    }

    /** The optimum, or null when the problem is too big to prove (then the caller keeps its incumbent). */
    static Allocation solve(Problem p, Allocation incumbent) {
        ExactSearch s = new ExactSearch(p);
        if (!s.enumerate()) return null;
        s.best = incumbent;
        s.bestValue = incumbent.objective();
        Allocation work = new Allocation(p);
        s.dfs(work, 0, 0, 0);
        return s.expansions > MAX_EXPANSIONS ? null : s.best;
    }

    private boolean enumerate() {
        int at = 0;
        double leaves = 1;
        for (NodeClass c : p.classes) {
            List<int[]> list = new ArrayList<>();
            if (!gen(c, 1, new int[c.opt.length], c.free, list)) return false;
            list.sort((a, b) -> Double.compare(value(c, b), value(c, a)));
            configs[c.index] = list;
            values[c.index] = list.stream().mapToDouble(u -> value(c, u)).toArray();
            // multisets of size n over |list| configurations
            for (int i = 1; i <= c.size(); i++) leaves = leaves * (list.size() + i - 1) / i;
            if (leaves > 5e7) return false;
            for (int i = 0; i < c.size(); i++) nodeClass[at++] = c.index;
        }
        for (int i = nodeClass.length - 1; i >= 0; i--) suffixBest[i] = suffixBest[i + 1] + values[nodeClass[i]][0];
        return true;
    }

    private double value(NodeClass c, int[] u) {
        return c.configValue(u, p.unitGpus);
    }

    private boolean gen(NodeClass c, int e, int[] u, int left, List<int[]> out) {
        if (e == c.opt.length) {
            int[] x = u.clone();
            x[0] = left;
            out.add(x);
            return out.size() <= MAX_CONFIGS;
        }
        int k = p.unitGpus[c.opt[e]];
        for (int n = 0; n <= Math.min(c.maxUnits[e], left / k); n++) {
            u[e] = n;
            if (!gen(c, e + 1, u, left - n * k, out)) return false;
        }
        u[e] = 0;
        return true;
    }

    private void dfs(Allocation a, int node, int minConfig, double partial) {
        if (++expansions > MAX_EXPANSIONS) return;
        if (node == nodeClass.length) {
            double v = partial + a.bonus();
            if (v > bestValue + 1e-9) {
                bestValue = v;
                best = a.copy();
            }
            return;
        }
        double optimisticBonus = a.bonus();
        for (int o = 0; o < a.usage.length; o++) optimisticBonus += p.bonus[o] * Math.max(0, p.min[o] - a.usage[o]);
        if (partial + suffixBest[node] + optimisticBonus <= bestValue + 1e-9) return;
        NodeClass c = p.classes.get(nodeClass[node]);
        int idx = node - firstNodeOf(node);
        boolean lastOfClass = node + 1 == nodeClass.length || nodeClass[node + 1] != c.index;
        List<int[]> list = configs[c.index];
        for (int i = minConfig; i < list.size(); i++) {
            int[] u = list.get(i);
            int mv = a.movedOf(c, u);
            if (mv > a.remBudget(c)) continue;
            boolean ok = true;
            for (int e = 1; e < u.length && ok; e++) ok = u[e] <= a.rem(c.opt[e]);
            if (!ok) continue;
            a.set(c, idx, u, mv);
            dfs(a, node + 1, lastOfClass ? 0 : i, partial + values[c.index][i]);
            a.clear(c, idx);
            if (expansions > MAX_EXPANSIONS) return;
        }
    }

    private int firstNodeOf(int node) {
        int i = node;
        while (i > 0 && nodeClass[i - 1] == nodeClass[node]) i--;
        return i;
    }
}
