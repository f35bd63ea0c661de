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
     * The master's shape for {@code cols}, whatever solves it. A class with a single column has all its nodes on it:
     * that column is folded into the right-hand sides (not a variable, no row of its own), which keeps the dense
     * simplex tableau to the classes that can choose.
     *
     * @param var      variable per column, -1 = folded
     * @param vars     column variables (the guarantees' s_o follow them in {@link #solve})
     * @param eqRow    convexity row per class, -1 = folded
     * @param b        right-hand side per inequality row ({@link #capRow}, {@link #guarRow}, {@link #budgetRow})
     * @param be       right-hand side per convexity row (the class's nodes)
     * @param constant value of the folded columns
     */
    record Layout(int[] var, int vars, int[] eqRow, int free, double[] b, double[] be, double constant) {
    }

    Layout layout(List<Column> cols) {
        int k = cols.size();
        int[] perClass = new int[p.classes.size()];
        for (Column col : cols) perClass[col.c().index]++;
        int[] eqRow = new int[p.classes.size()];
        int free = 0;
        for (NodeClass c : p.classes) eqRow[c.index] = perClass[c.index] > 1 ? free++ : -1;
        int[] var = new int[k];
        int n = 0;
        for (int j = 0; j < k; j++) var[j] = perClass[cols.get(j).c().index] > 1 ? n++ : -1;
        double[] b = new double[Math.max(rows + guarCount, 1)];
        double[] be = new double[Math.max(free, 1)];
        for (int o = 1; o < p.optionCount(); o++) {
            if (capRow[o] >= 0) b[capRow[o]] = Math.max(p.cap[o], p.fixedUnits[o]) - p.fixedUnits[o];
            if (guarRow[o] >= 0) b[guarRow[o]] = p.fixedUnits[o];
        }
        for (int q = 0; q < budgetRow.length; q++) if (budgetRow[q] >= 0) b[budgetRow[q]] = p.budget[q];
        for (NodeClass c : p.classes) if (eqRow[c.index] >= 0) be[eqRow[c.index]] = c.size();
        double constant = 0;
        for (int j = 0; j < k; j++) {
            if (var[j] >= 0) continue;
            Column col = cols.get(j);
            NodeClass c = col.c();
            constant += c.size() * col.value();
            int[] u = col.r().units();
            for (int e : col.r().nonzero()) {
                int o = c.opt[e];
                if (e == 0 || u[e] == 0) continue;
                if (capRow[o] >= 0) b[capRow[o]] -= c.size() * u[e];
                if (guarRow[o] >= 0) b[guarRow[o]] += c.size() * u[e];
            }
            if (budgetRow[c.pool] >= 0 && col.r().moved() > 0) b[budgetRow[c.pool]] -= c.size() * col.r().moved();
        }
        return new Layout(var, n, eqRow, free, b, be, constant);
    }

    /**
     * The prices from the inequality rows' duals (shadow prices of the maximisation, by row): per unit of each
     * option (caps up, guarantees down by at most their bonus) and per disrupted GPU per pool.
     */
    Solved solved(double value, double[] lambda, java.util.function.IntToDoubleFunction rowDual) {
        double[] rho = new double[p.optionCount()];
        double[] pi = new double[p.pools.size()];
        for (int o = 1; o < rho.length; o++) {
            if (capRow[o] >= 0) rho[o] += Math.max(0, rowDual.applyAsDouble(capRow[o]));
            if (guarRow[o] >= 0) rho[o] -= Math.min(p.bonus[o], Math.max(0, rowDual.applyAsDouble(guarRow[o])));
        }
        for (int q = 0; q < pi.length; q++) if (budgetRow[q] >= 0) pi[q] = Math.max(0, rowDual.applyAsDouble(budgetRow[q]));
        return new Solved(value, lambda, rho, pi);
    }

    /** The LP over {@code cols} by ojAlgo's simplex; null when it does not report an optimum. */
    Solved solve(List<Column> cols) {
        int k = cols.size();
        Layout l = layout(cols);
        int n = l.vars();
        int vars = n + guarCount;
        double[] obj = new double[vars];
        int all = rows + guarCount; // s_o ≤ min_o as rows: the builder's upper(...) did not bound them
        SparseStore<Double> a = SparseStore.R064.make(Math.max(all, 1), vars);
        SparseStore<Double> eq = SparseStore.R064.make(Math.max(l.free(), 1), vars);
        double[] b = l.b();
        for (int j = 0; j < k; j++) {
            int x = l.var()[j];
            if (x < 0) continue;
            Column col = cols.get(j);
            NodeClass c = col.c();
            obj[x] = -col.value(); // the builder minimises
            eq.set(l.eqRow()[c.index], x, 1.0);
            int[] u = col.r().units();
            for (int e : col.r().nonzero()) {
                int o = c.opt[e];
                if (e == 0 || u[e] == 0) continue;
                if (capRow[o] >= 0) a.set(capRow[o], x, (double) u[e]);
                if (guarRow[o] >= 0) a.set(guarRow[o], x, (double) -u[e]);
            }
            if (budgetRow[c.pool] >= 0 && col.r().moved() > 0) a.set(budgetRow[c.pool], x, (double) col.r().moved());
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
            return new Solved(l.constant(), lambda, new double[p.optionCount()], new double[p.pools.size()]);
        }
        LinearSolver.Builder builder = LinearSolver.newBuilder().objective(obj);
        if (l.free() > 0) builder.equalities(eq, Access1D.wrap(l.be()));
        if (all > 0) builder.inequalities(a, Access1D.wrap(b));
        builder.lower(new double[vars]);
        Optimisation.Result res = builder.build().solve();
        if (!res.getState().isOptimal() || res.getMultipliers().isEmpty()) return null;
        // ojAlgo lists the inequality multipliers first, then the equalities, as shadow prices of the maximisation
        Access1D<?> m = res.getMultipliers().get();
        double[] lambda = new double[k];
        for (int j = 0; j < k; j++) lambda[j] = l.var()[j] < 0 ? cols.get(j).c().size() : res.doubleValue(l.var()[j]);
        return solved(l.constant() - res.getValue(), lambda, m::doubleValue);
    }
}
