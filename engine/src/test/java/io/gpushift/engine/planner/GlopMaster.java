package io.gpushift.engine.planner;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import io.gpushift.engine.Snapshot;
import io.gpushift.engine.validation.Validator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

/**
 * Off-line experiment, not part of the product or of {@code ./gpushift test}: the column generation's masters solved
 * by GLOP (Google OR-Tools' simplex, native code) instead of ojAlgo, on the {@code DecideBenchmark} fleet. Prints,
 * per backend, the optimiser's median CPU time per decision ({@link Solver#solve}: problem build and plan assembly
 * excluded, they are the same for both), the part of it spent in the masters, and the plan's distance to the bound (USD of horizon profit).
 * Compiled only with {@code -Pglop} (engine/pom.xml); see engine/README.md ("Benchmark"). Arguments: warm-up runs,
 * measured runs, node counts.
 */
public final class GlopMaster {
    private static long masterNanos;

    /** The same LP as {@link MasterLp#solve}: its layout (folded single-column classes) and its reading of the duals. */
    static MasterLp.Solved solve(MasterLp m, List<MasterLp.Column> cols) {
        Problem p = m.p;
        MasterLp.Layout l = m.layout(cols);
        int n = p.optionCount();
        MPSolver solver = MPSolver.createSolver("GLOP");
        double inf = Double.POSITIVE_INFINITY;
        MPConstraint[] conv = new MPConstraint[l.free()];
        MPConstraint[] rows = new MPConstraint[l.b().length]; // by MasterLp's inequality row
        for (int i = 0; i < conv.length; i++) conv[i] = solver.makeConstraint(l.be()[i], l.be()[i]);
        for (int o = 1; o < n; o++) {
            if (m.capRow[o] >= 0) rows[m.capRow[o]] = solver.makeConstraint(-inf, l.b()[m.capRow[o]]);
            if (m.guarRow[o] >= 0) rows[m.guarRow[o]] = solver.makeConstraint(-inf, l.b()[m.guarRow[o]]);
        }
        for (int q = 0; q < p.pools.size(); q++)
            if (m.budgetRow[q] >= 0) rows[m.budgetRow[q]] = solver.makeConstraint(-inf, l.b()[m.budgetRow[q]]);
        MPObjective obj = solver.objective();
        MPVariable[] x = new MPVariable[cols.size()];
        for (int j = 0; j < x.length; j++) {
            if (l.var()[j] < 0) continue;
            MasterLp.Column col = cols.get(j);
            NodeClass c = col.c();
            x[j] = solver.makeNumVar(0, inf, "");
            obj.setCoefficient(x[j], col.value());
            conv[l.eqRow()[c.index]].setCoefficient(x[j], 1);
            int[] u = col.r().units();
            for (int e : col.r().nonzero()) {
                if (e == 0) continue;
                int o = c.opt[e];
                if (m.capRow[o] >= 0) rows[m.capRow[o]].setCoefficient(x[j], u[e]);
                if (m.guarRow[o] >= 0) rows[m.guarRow[o]].setCoefficient(x[j], -u[e]);
            }
            if (m.budgetRow[c.pool] >= 0 && col.r().moved() > 0)
                rows[m.budgetRow[c.pool]].setCoefficient(x[j], col.r().moved());
        }
        for (int o = 1; o < n; o++) { // s_o as a bounded variable (ojAlgo's builder needs a row for its bound)
            if (m.guarRow[o] < 0) continue;
            MPVariable s = solver.makeNumVar(0, p.min[o], "");
            obj.setCoefficient(s, p.bonus[o]);
            rows[m.guarRow[o]].setCoefficient(s, 1);
        }
        obj.setMaximization();
        try {
            if (solver.solve() != MPSolver.ResultStatus.OPTIMAL) return null;
            double[] lambda = new double[x.length];
            for (int j = 0; j < x.length; j++) lambda[j] = x[j] == null ? cols.get(j).c().size() : x[j].solutionValue();
            return m.solved(l.constant() + obj.value(), lambda, r -> rows[r].dualValue());
        } finally {
            solver.delete();
        }
    }

    public static void main(String[] args) {
        Loader.loadNativeLibraries();
        int warm = Integer.parseInt(args[0]), runs = Integer.parseInt(args[1]);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        MasterLp.Backend glop = GlopMaster::solve;
        for (int a = 2; a < args.length; a++) {
            Snapshot s = RandomFleet.large(42, Integer.parseInt(args[a]), 10, 200);
            for (String name : List.of("ojAlgo", "GLOP")) {
                MasterLp.Backend inner = name.equals("GLOP") ? glop : MasterLp.OJALGO;
                MasterLp.Backend timed = (lp, cols) -> {
                    long t0 = mx.getCurrentThreadCpuTime();
                    try {
                        return inner.solve(lp, cols);
                    } finally {
                        masterNanos += mx.getCurrentThreadCpuTime() - t0;
                    }
                };
                double[] cpu = new double[runs], master = new double[runs];
                Solver.Solution sol = null;
                for (int i = 0; i < warm + runs; i++) {
                    Problem p = ProblemBuilder.build(s, Validator.validate(s), s.now());
                    masterNanos = 0;
                    long c0 = mx.getCurrentThreadCpuTime();
                    sol = Solver.solve(p, timed);
                    if (i < warm) continue;
                    cpu[i - warm] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                    master[i - warm] = masterNanos / 1e6;
                }
                Arrays.sort(cpu);
                Arrays.sort(master);
                System.out.printf("%,d nodes, %s: optimiser median CPU %.0f ms (masters %.0f ms), plan %.2f USD below the bound%n",
                        Integer.parseInt(args[a]), name, cpu[runs / 2], master[runs / 2], sol.upperBound() - sol.objective());
            }
        }
    }
}
