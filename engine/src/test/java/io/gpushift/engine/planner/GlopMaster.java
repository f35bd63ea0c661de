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

    /** The same LP as {@link MasterLp} (single-column classes folded into the right-hand sides). */
    static MasterLp.Solved solve(MasterLp m, List<MasterLp.Column> cols) {
        Problem p = m.p;
        int n = p.optionCount(), pools = p.pools.size();
        int[] perClass = new int[p.classes.size()];
        for (MasterLp.Column col : cols) perClass[col.c().index]++;
        double[] capB = new double[n], guarB = new double[n], budB = new double[pools];
        for (int o = 1; o < n; o++) {
            if (m.capRow[o] >= 0) capB[o] = Math.max(p.cap[o], p.fixedUnits[o]) - p.fixedUnits[o];
            if (m.guarRow[o] >= 0) guarB[o] = p.fixedUnits[o];
        }
        for (int q = 0; q < pools; q++) if (m.budgetRow[q] >= 0) budB[q] = p.budget[q];
        double constant = 0;
        for (MasterLp.Column col : cols) {
            NodeClass c = col.c();
            if (perClass[c.index] > 1) continue;
            constant += c.size() * col.value();
            int[] u = col.r().units();
            for (int e : col.r().nonzero()) {
                if (e == 0) continue;
                if (m.capRow[c.opt[e]] >= 0) capB[c.opt[e]] -= c.size() * u[e];
                if (m.guarRow[c.opt[e]] >= 0) guarB[c.opt[e]] += c.size() * u[e];
            }
            if (m.budgetRow[c.pool] >= 0) budB[c.pool] -= c.size() * col.r().moved();
        }
        MPSolver solver = MPSolver.createSolver("GLOP");
        double inf = Double.POSITIVE_INFINITY;
        MPConstraint[] conv = new MPConstraint[p.classes.size()], cap = new MPConstraint[n], guar = new MPConstraint[n];
        MPConstraint[] bud = new MPConstraint[pools];
        for (NodeClass c : p.classes) if (perClass[c.index] > 1) conv[c.index] = solver.makeConstraint(c.size(), c.size());
        for (int o = 1; o < n; o++) {
            if (m.capRow[o] >= 0) cap[o] = solver.makeConstraint(-inf, capB[o]);
            if (m.guarRow[o] >= 0) guar[o] = solver.makeConstraint(-inf, guarB[o]);
        }
        for (int q = 0; q < pools; q++) if (m.budgetRow[q] >= 0) bud[q] = solver.makeConstraint(-inf, budB[q]);
        MPObjective obj = solver.objective();
        MPVariable[] x = new MPVariable[cols.size()];
        for (int j = 0; j < x.length; j++) {
            MasterLp.Column col = cols.get(j);
            NodeClass c = col.c();
            if (perClass[c.index] <= 1) continue;
            x[j] = solver.makeNumVar(0, inf, "");
            obj.setCoefficient(x[j], col.value());
            conv[c.index].setCoefficient(x[j], 1);
            int[] u = col.r().units();
            for (int e : col.r().nonzero()) {
                if (e == 0) continue;
                if (cap[c.opt[e]] != null) cap[c.opt[e]].setCoefficient(x[j], u[e]);
                if (guar[c.opt[e]] != null) guar[c.opt[e]].setCoefficient(x[j], -u[e]);
            }
            if (bud[c.pool] != null && col.r().moved() > 0) bud[c.pool].setCoefficient(x[j], col.r().moved());
        }
        for (int o = 1; o < n; o++) {
            if (guar[o] == null) continue;
            MPVariable s = solver.makeNumVar(0, p.min[o], "");
            obj.setCoefficient(s, p.bonus[o]);
            guar[o].setCoefficient(s, 1);
        }
        obj.setMaximization();
        try {
            if (solver.solve() != MPSolver.ResultStatus.OPTIMAL) return null;
            double[] lambda = new double[x.length];
            for (int j = 0; j < x.length; j++) lambda[j] = x[j] == null ? cols.get(j).c().size() : x[j].solutionValue();
            double[] rho = new double[n], pi = new double[pools];
            for (int o = 1; o < n; o++) { // as MasterLp reads ojAlgo's multipliers
                if (cap[o] != null) rho[o] += Math.max(0, cap[o].dualValue());
                if (guar[o] != null) rho[o] -= Math.min(p.bonus[o], Math.max(0, guar[o].dualValue()));
            }
            for (int q = 0; q < pools; q++) if (bud[q] != null) pi[q] = Math.max(0, bud[q].dualValue());
            return new MasterLp.Solved(constant + obj.value(), lambda, rho, pi);
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
