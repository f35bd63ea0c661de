package io.gpushift.engine.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * A plan from the dual's own solutions (primal recovery). Each dual step solves every class alone at the current
 * prices; averaged over the later steps, the share of steps in which a class chose each node configuration
 * approximates the LP over class configurations (which splits a class between configurations where the prices tie).
 * The local search cannot find such splits: at near-optimal prices its nodes are indifferent and it takes the first
 * tie, first come, first served. Here each class is split in those shares (largest remainder), the splits are
 * applied node by node where caps and budgets allow (never breaking one), and true-value local search polishes.
 */
final class Recovery {
    private final Problem p;
    /** Per class the configurations seen with their accumulated weight. */
    private final List<List<Seen>> seen = new ArrayList<>();
    private final NodeDp.Result[] last;
    private final Seen[] lastSeen;

    private static final class Seen {
        final NodeDp.Result r;
        double weight;

        Seen(NodeDp.Result r) {
            this.r = r;
        }
    }

    Recovery(Problem p) {
        this.p = p;
        for (int i = 0; i < p.classes.size(); i++) seen.add(new ArrayList<>());
        last = new NodeDp.Result[p.classes.size()];
        lastSeen = new Seen[p.classes.size()];
    }

    /** Whether any dual solution was added. */
    boolean hasData() {
        for (Seen s : lastSeen) if (s != null) return true;
        return false;
    }

    /** Adds the dual's current relaxed solutions with the given weight. */
    void add(Dual dual, double weight) {
        for (NodeClass c : p.classes) {
            NodeDp.Result r = dual.cache[c.index];
            if (r == null) continue;
            Seen s = last[c.index] != null && r.units() == last[c.index].units() ? lastSeen[c.index] : find(c.index, r);
            s.weight += weight;
            last[c.index] = r;
            lastSeen[c.index] = s;
        }
    }

    private Seen find(int c, NodeDp.Result r) {
        for (Seen s : seen.get(c)) if (same(s.r, r)) return s;
        Seen s = new Seen(r);
        seen.get(c).add(s);
        return s;
    }

    private static boolean same(NodeDp.Result x, NodeDp.Result y) {
        if (!java.util.Arrays.equals(x.nonzero(), y.nonzero())) return false;
        for (int e : x.nonzero()) if (x.units()[e] != y.units()[e]) return false;
        return true;
    }

    /**
     * The recovered plan: every node released, then given its share's configuration where caps and budgets still
     * allow, the rest their best use (exact node DP, true values) under what is left. Null when some node has no
     * feasible use left (the budget spent elsewhere); the caller keeps its other plans then.
     */
    Allocation apply(NodeDp dp) {
        Allocation a = new Allocation(p);
        for (NodeClass c : p.classes) {
            NodeDp.Result[] t = split(c);
            if (t == null) continue;
            for (int i = 0; i < c.size(); i++) if (a.fits(c, t[i])) a.set(c, i, t[i].units(), t[i].moved());
        }
        return fillRest(p, a, dp, null, null);
    }

    /**
     * Gives every node without a use yet its best use under what is left (true values, or less the given prices, with
     * the guarantee bonus); null when one has none.
     */
    static Allocation fillRest(Problem p, Allocation a, NodeDp dp, double[] price, double[] poolPrice) {
        for (NodeClass c : p.classes) {
            NodeDp.Result cached = null;
            for (int i = 0; i < c.size(); i++) {
                if (a.units[c.index][i] != null) continue;
                NodeDp.Result r = cached != null && a.fits(c, cached) ? cached
                        : dp.solve(c, price, price == null ? 0 : poolPrice[c.pool], a, a.remBudget(c), true);
                if (r == null) return null;
                a.set(c, i, r.units(), r.moved());
                cached = r;
            }
        }
        return a;
    }

    /** Per node of the class its configuration: shares by largest remainder, larger shares on earlier nodes. */
    private NodeDp.Result[] split(NodeClass c) {
        List<Seen> list = new ArrayList<>(seen.get(c.index));
        if (list.isEmpty()) return null;
        double total = 0;
        for (Seen s : list) total += s.weight;
        if (total <= 0) return null;
        int n = c.size();
        int[] count = new int[list.size()];
        double[] rest = new double[list.size()];
        int given = 0;
        for (int k = 0; k < list.size(); k++) {
            double share = n * list.get(k).weight / total;
            count[k] = (int) Math.floor(share + 1e-9);
            rest[k] = share - count[k];
            given += count[k];
        }
        while (given < n) { // largest remainder, ties to the earlier configuration
            int best = 0;
            for (int k = 1; k < rest.length; k++) if (rest[k] > rest[best]) best = k;
            count[best]++;
            rest[best] = -1;
            given++;
        }
        Integer[] order = new Integer[list.size()];
        for (int k = 0; k < order.length; k++) order[k] = k;
        java.util.Arrays.sort(order, (x, y) -> Integer.compare(count[y], count[x])); // stable
        NodeDp.Result[] t = new NodeDp.Result[n];
        int at = 0;
        for (int k : order) for (int j = 0; j < count[k] && at < n; j++) t[at++] = list.get(k).r;
        return t;
    }
}
