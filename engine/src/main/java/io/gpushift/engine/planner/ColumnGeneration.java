package io.gpushift.engine.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The LP over class configurations solved by column generation. The restricted master ({@link MasterLp}) starts from
 * the configurations the rest of the solver has seen (a feasible plan's, the subgradient's); its duals are the prices
 * of the Lagrangian relaxation, whose per-class relaxed node problem ({@link Dual#evaluate()}, the node DP /
 * {@link RelaxedParts}) prices out new columns. Every round gives a valid upper bound L(duals) whatever the LP's
 * accuracy (the Lagrangian is a bound at any prices); when no class has a new column the master is the full LP and
 * L equals its optimum, the tightest bound a relaxation of caps, guarantees and budgets can give. Budgeted by rounds,
 * not time (determinism); the caller keeps the subgradient's bound when this one is not better.
 */
final class ColumnGeneration {
    /** Master solves at most: at 1,000–3,000 nodes the LP converged in far fewer on the large-instance seeds. */
    static final int MAX_ROUNDS = 40;

    private final Problem p;
    private final Dual dual;
    private final MasterLp lp;
    private final MasterLp.Backend backend;
    private final List<MasterLp.Column> cols = new ArrayList<>();
    private final List<List<int[]>> known = new ArrayList<>();

    /** Best (lowest) L(duals) over the rounds. */
    double bound = Double.POSITIVE_INFINITY;
    /** The last master solved (the LP optimum when {@link #converged}), or null. */
    MasterLp.Solved last;
    boolean converged;
    int rounds;

    ColumnGeneration(Problem p, Dual dual, MasterLp.Backend backend) {
        this.p = p;
        this.dual = dual;
        this.backend = backend;
        this.lp = new MasterLp(p, dual.poolMovable());
        for (int i = 0; i < p.classes.size(); i++) known.add(new ArrayList<>());
    }

    /** Adds a configuration of class c unless the master has it; returns whether it was new. */
    boolean add(NodeClass c, int[] units, int moved) {
        for (int[] u : known.get(c.index)) if (Arrays.equals(u, units)) return false;
        known.get(c.index).add(units);
        double v = c.configValue(units, p.unitGpus);
        cols.add(new MasterLp.Column(c, NodeDp.Result.of(units, v, moved), v));
        return true;
    }

    /** Every node configuration of a (feasible) allocation: with them the master is feasible. */
    void addAll(Allocation a) {
        for (NodeClass c : p.classes) {
            int[] last = null;
            for (int[] u : a.units[c.index]) {
                if (u == last) continue;
                last = u;
                add(c, u, a.movedOf(c, u));
            }
        }
    }

    /** The dual's latest relaxed solutions as columns. */
    void addRelaxed() {
        for (NodeClass c : p.classes) {
            NodeDp.Result r = dual.cache[c.index];
            if (r != null) add(c, r.units(), r.moved());
        }
    }

    /** Master, prices, pricing, until no class has a new column, the bound meets the master or the rounds run out. */
    void run() {
        while (rounds < MAX_ROUNDS) {
            rounds++;
            MasterLp.Solved s = backend.solve(lp, cols);
            if (s == null) return;
            last = s;
            dual.setPrices(s.rho(), s.pi());
            double l = dual.evaluate();
            bound = Math.min(bound, l);
            if (bound - s.value() <= 1e-9 * Math.max(1, Math.abs(bound))) {
                converged = true;
                return;
            }
            int before = cols.size();
            addRelaxed();
            if (cols.size() == before) { // nothing new prices out: the master is the LP (up to its tolerances)
                converged = true;
                return;
            }
        }
    }

    /** The last master's solution as class shares for {@link LpRounding}. */
    void shares(LpRounding r) {
        if (last == null) return;
        for (int j = 0; j < last.lambda().length; j++) {
            double w = last.lambda()[j];
            if (w > 1e-9) r.add(cols.get(j).c(), cols.get(j).r(), w);
        }
    }

    int columns() {
        return cols.size();
    }
}
