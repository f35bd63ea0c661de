package io.gpushift.engine.planner;

import org.ojalgo.matrix.store.SparseStore;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.linear.LinearSolver;
import org.ojalgo.structure.Access1D;

import java.util.List;

/**
 * The restricted master LP of {@link ColumnGeneration}: per class a convex combination (in nodes) of the node
 * configurations found so far, linked by the caps (mining maxGpus, AI maxReplicas), the guaranteed minimums and the
 * per-pool disruption budgets. Solved by ojAlgo's simplex; gives the class shares (primal) and the prices (duals).
 *
 * <pre>
 * max  Σ_k λ_k v_k + Σ_o bonus_o s_o
 *      Σ_{k of class c} λ_k = n_c                       (one row per class)
 *      Σ_k λ_k u_ko ≤ cap_o − fixed_o                  (capped options)
 *      s_o − Σ_k λ_k u_ko ≤ fixed_o,  0 ≤ s_o ≤ min_o   (guaranteed options)
 *      Σ_{k in pool q} λ_k moved_k ≤ budget_q          (budgets that can bind)
 * </pre>
 */
final class MasterLp {
    static {
        // ojAlgo prints a "hardware profile" notice to stdout the first time it loads unless this is set; stdout is
        // where the CLI writes its results (quote --output json, backtest), so the engine keeps the library quiet.
        if (System.getProperty("shut.up.ojAlgo") == null) {
            System.setProperty("shut.up.ojAlgo", "true");
        }
    }

    /** A node configuration of a class and its true value (objective per node, before the guarantee bonus). */
    record Column(NodeClass c, NodeDp.Result r, double value) {
    }

    /** Primal shares per column, the objective, and the duals: price per unit of each option, per disrupted GPU. */
    record Solved(double value, double[] lambda, double[] rho, double[] pi) {
    }

    /**
     * What solves a restricted master: {@link #OJALGO} in the product. A seam so that another LP solver can be
     * measured on the very same masters (engine/README.md, "Benchmark": GLOP through OR-Tools, off-line).
     */
    @FunctionalInterface
    interface Backend {
        Solved solve(MasterLp master, List<Column> cols);
    }

    static final Backend OJALGO = MasterLp::solve;

    final Problem p;
    final int[] capRow, guarRow, budgetRow; // row per option / pool, -1 = none
    private final int[] guarOption;
    private final int rows;

    MasterLp(Problem p, int[] poolMovable) {
        this.p = p;
        int n = p.optionCount();
        capRow = new int[n];
        guarRow = new int[n];
        budgetRow = new int[p.pools.size()];
        int r = 0, g = 0;
        for (int o = 1; o < n; o++) capRow[o] = Math.max(p.cap[o], p.fixedUnits[o]) < Problem.UNLIMITED ? r++ : -1;
        capRow[0] = -1;
        guarRow[0] = -1;
        for (int o = 1; o < n; o++) guarRow[o] = p.bonus[o] > 0 && p.min[o] > 0 ? r++ : -1;
        for (int q = 0; q < budgetRow.length; q++) budgetRow[q] = p.budget[q] < poolMovable[q] ? r++ : -1;
        rows = r;
        guarOption = new int[n];
        for (int o = 1; o < n; o++) if (guarRow[o] >= 0) guarOption[g++] = o;
        guarCount = g;
    }

    private final int guarCount;

    /**
     * The LP over {@code cols}; null when the simplex does not report an optimum. A class with a single column has all
     * its nodes on it: that column is folded into the right-hand sides (not a variable, no row of its own), which
     * keeps the dense simplex tableau to the classes that can choose.
     */
    Solved solve(List<Column> cols) {
        int k = cols.size();
        int[] perClass = new int[p.classes.size()];
        for (Column col : cols) perClass[col.c().index]++;
        int[] eqRow = new int[p.classes.size()];
        int free = 0;
        for (NodeClass c : p.classes) eqRow[c.index] = perClass[c.index] > 1 ? free++ : -1;
        int[] var = new int[k];
        int n = 0;
        for (int j = 0; j < k; j++) var[j] = perClass[cols.get(j).c().index] > 1 ? n++ : -1;
        int vars = n + guarCount;
        double[] obj = new double[vars];
        int all = rows + guarCount; // s_o ≤ min_o as rows: the builder's upper(...) did not bound them
        SparseStore<Double> a = SparseStore.R064.make(Math.max(all, 1), vars);
        SparseStore<Double> eq = SparseStore.R064.make(Math.max(free, 1), vars);
        double[] b = new double[Math.max(all, 1)];
        double[] be = new double[Math.max(free, 1)];
        for (int o = 1; o < p.optionCount(); o++) {
            if (capRow[o] >= 0) b[capRow[o]] = Math.max(p.cap[o], p.fixedUnits[o]) - p.fixedUnits[o];
            if (guarRow[o] >= 0) b[guarRow[o]] = p.fixedUnits[o];
        }
        for (int q = 0; q < budgetRow.length; q++) if (budgetRow[q] >= 0) b[budgetRow[q]] = p.budget[q];
        for (NodeClass c : p.classes) if (eqRow[c.index] >= 0) be[eqRow[c.index]] = c.size();
        double constant = 0;
        for (int j = 0; j < k; j++) {
            Column col = cols.get(j);
            NodeClass c = col.c();
            int x = var[j];
            double times = x < 0 ? c.size() : 1; // a folded column: all the class's nodes, into the right-hand sides
            if (x < 0) constant += times * col.value();
            else {
                obj[x] = -col.value(); // the builder minimises
                eq.set(eqRow[c.index], x, 1.0);
            }
            int[] u = col.r().units();
            for (int e : col.r().nonzero()) {
                int o = c.opt[e];
                if (e == 0 || u[e] == 0) continue;
                if (capRow[o] >= 0) {
                    if (x < 0) b[capRow[o]] -= times * u[e];
                    else a.set(capRow[o], x, (double) u[e]);
                }
                if (guarRow[o] >= 0) {
                    if (x < 0) b[guarRow[o]] += times * u[e];
                    else a.set(guarRow[o], x, (double) -u[e]);
                }
            }
            if (budgetRow[c.pool] >= 0 && col.r().moved() > 0) {
                if (x < 0) b[budgetRow[c.pool]] -= times * col.r().moved();
                else a.set(budgetRow[c.pool], x, (double) col.r().moved());
            }
        }
        for (int i = 0; i < guarCount; i++) {
            int o = guarOption[i];
            obj[n + i] = -p.bonus[o];
            a.set(guarRow[o], n + i, 1.0);
            a.set(rows + i, n + i, 1.0);
            b[rows + i] = p.min[o];
        }
        if (vars == 0) { // every class has one column and nothing is guaranteed: no choice, no prices yet
            double[] lambda = new double[k];
            for (int j = 0; j < k; j++) lambda[j] = cols.get(j).c().size();
            return new Solved(constant, lambda, new double[p.optionCount()], new double[p.pools.size()]);
        }
        LinearSolver.Builder builder = LinearSolver.newBuilder().objective(obj);
        if (free > 0) builder.equalities(eq, Access1D.wrap(be));
        if (all > 0) builder.inequalities(a, Access1D.wrap(b));
        builder.lower(new double[vars]);
        Optimisation.Result res = builder.build().solve();
        if (!res.getState().isOptimal() || res.getMultipliers().isEmpty()) return null;
        // ojAlgo lists the inequality multipliers first, then the equalities, as shadow prices of the maximisation
        Access1D<?> m = res.getMultipliers().get();
        double[] lambda = new double[k];
        for (int j = 0; j < k; j++) lambda[j] = var[j] < 0 ? cols.get(j).c().size() : res.doubleValue(var[j]);
        double[] rho = new double[p.optionCount()];
        double[] pi = new double[p.pools.size()];
        for (int o = 1; o < rho.length; o++) {
            if (capRow[o] >= 0) rho[o] += Math.max(0, m.doubleValue(capRow[o]));
            if (guarRow[o] >= 0) rho[o] -= Math.min(p.bonus[o], Math.max(0, m.doubleValue(guarRow[o])));
        }
        for (int q = 0; q < pi.length; q++) if (budgetRow[q] >= 0) pi[q] = Math.max(0, m.doubleValue(budgetRow[q]));
        return new Solved(constant - res.getValue(), lambda, rho, pi);
    }
}
