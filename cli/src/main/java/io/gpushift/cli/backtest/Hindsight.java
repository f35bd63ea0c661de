package io.gpushift.cli.backtest;

import java.util.Arrays;

/**
 * The hindsight optimum: the best schedule with perfect knowledge of the whole history, under the backtest's cost
 * model (see {@link Backtest}).
 *
 * <p>Model. GPUs of one class (pool, product, memory) are interchangeable. Each GPU independently chooses, at every
 * step s, an option o among those it could run there (the ledger has a line and the option is allowed on the pool;
 * the loss rule is not imposed: a policy may prefer a small mining loss to idle power). It earns
 * {@code (revenue − power)(s,o) × Δh}, and when it changes from o' to o at step s it pays
 * {@code switchOut(s,o') + switchIn(s,o)}. Every GPU starts idle. Per GPU this is a longest path over the
 * (step, option) grid, solved exactly by dynamic programming in O(steps × options) (the best predecessor is
 * {@code max(stay, max_o' (V(o') − out(o')) − in(o))}, because out, in ≥ 0 make "switch to itself" never better than
 * staying).
 *
 * <p>Fleet-wide caps (mining {@code maxGpus}, AI {@code maxReplicas × gpusPerReplica}) couple the GPUs. When the
 * uncapped optimum respects every cap at every step it is the exact optimum ({@link Solution#exact()}). Otherwise the
 * caps are priced by Lagrange multipliers λ(o,s) ≥ 0 (subgradient steps): for any λ ≥ 0,
 * {@code L(λ) = Σ_classes GPUs × DP(profit − λ) + Σ λ × cap} is ≥ the profit of every schedule that respects the
 * caps, so the figure reported (the smallest L found) is an upper bound — not attained in general.
 *
 * <p>Why it bounds the other policies: every policy the backtest runs (the engine's, naive greedy, always-mine,
 * always-AI) produces, GPU by GPU, a schedule over the same options, paying exactly these revenues, power and switch
 * costs, and respecting the caps; the engine's extra rules (dwell, budgets, hysteresis, replica packing, the loss
 * rule, guarantees) only remove schedules. So each is a feasible point of the problem whose optimum (or upper bound)
 * this is.
 */
final class Hindsight {
    private static final double NEG = -1e300;

    private final double[][][] rev, pow, swIn, swOut;
    private final boolean[][][] possible;
    private final int[] gpus;
    private final int[] caps;
    private final double hours;
    private final int S, K, O;
    private byte[][] from;

    /**
     * @param exact               no cap binds: this is the optimum and the breakdown is that of the optimal schedule
     * @param profitUsd           the optimum, or the upper bound when not exact
     * @param revenueUsd          of the optimal schedule; NaN when not exact
     * @param gpusPerOption       per step, the GPUs per option of the (last, possibly cap-violating) schedule
     */
    record Solution(boolean exact, double revenueUsd, double powerUsd, double switchCostUsd, double profitUsd,
                    long gpuSwitches, double[] cumulativeProfitUsd, int[][] gpusPerOption) {
    }

    Hindsight(double[][][] rev, double[][][] pow, double[][][] swIn, double[][][] swOut, boolean[][][] possible,
              int[] gpus, int[] caps, double hours) {
        this.rev = rev;
        this.pow = pow;
        this.swIn = swIn;
        this.swOut = swOut;
        this.possible = possible;
        this.gpus = gpus;
        this.caps = caps;
        this.hours = hours;
        this.S = rev.length;
        this.K = gpus.length;
        this.O = caps.length;
    }

    Solution solve() {
        return solve(Double.NEGATIVE_INFINITY);
    }

    /** @param lowerBound profit of some feasible schedule (steers the step size when caps bind) */
    Solution solve(double lowerBound) {
        double[][] lambda = new double[O][S];
        int[][] path = new int[K][];
        double[] value = new double[K];
        for (int k = 0; k < K; k++) {
            path[k] = new int[S];
            value[k] = dp(k, lambda, path[k]);
        }
        int[][] usage = usage(path);
        if (feasible(usage)) return exact(path, value, usage);

        double best = Double.POSITIVE_INFINITY;
        double[] bestCumulative = null;
        int[][] bestUsage = usage;
        double mu = 1.0;
        int stale = 0;
        double target = Double.isFinite(lowerBound) ? lowerBound : 0;
        for (int it = 0; it < 100; it++) {
            double bound = 0;
            for (int k = 0; k < K; k++) bound += gpus[k] * value[k];
            for (int o = 0; o < O; o++) {
                if (caps[o] == Integer.MAX_VALUE) continue;
                for (int s = 0; s < S; s++) bound += lambda[o][s] * caps[o];
            }
            if (bound < best - 1e-9) {
                best = bound;
                bestCumulative = cumulative(path, lambda);
                bestUsage = usage;
                stale = 0;
            } else if (++stale >= 5) {
                mu /= 2;
                stale = 0;
            }
            double norm = 0;
            for (int o = 0; o < O; o++) {
                if (caps[o] == Integer.MAX_VALUE) continue;
                for (int s = 0; s < S; s++) {
                    double g = usage[s][o] - caps[o];
                    if (g > 0 || lambda[o][s] > 0) norm += g * g;
                }
            }
            if (norm == 0 || mu < 1e-6) break;
            double theta = mu * Math.max(bound - target, 1e-6 * Math.abs(bound) + 1e-9) / norm;
            for (int o = 0; o < O; o++) {
                if (caps[o] == Integer.MAX_VALUE) continue;
                for (int s = 0; s < S; s++) lambda[o][s] = Math.max(0, lambda[o][s] + theta * (usage[s][o] - caps[o]));
            }
            for (int k = 0; k < K; k++) value[k] = dp(k, lambda, path[k]);
            usage = usage(path);
            if (feasible(usage)) { // complementary slackness may still fail: keep the bound, it stays valid
                double b = 0;
                for (int k = 0; k < K; k++) b += gpus[k] * value[k];
                for (int o = 0; o < O; o++) {
                    if (caps[o] == Integer.MAX_VALUE) continue;
                    for (int s = 0; s < S; s++) b += lambda[o][s] * caps[o];
                }
                if (b < best) {
                    best = b;
                    bestCumulative = cumulative(path, lambda);
                    bestUsage = usage;
                }
            }
        }
        long switches = 0;
        for (int k = 0; k < K; k++) switches += gpus[k] * switchesOf(path[k]);
        return new Solution(false, Double.NaN, Double.NaN, Double.NaN, best, switches, bestCumulative, bestUsage);
    }

    /** Longest path for one GPU of class k with profits reduced by λ; fills the path, returns its value. */
    private double dp(int k, double[][] lambda, int[] pathOut) {
        double[] v = new double[O];
        double[] next = new double[O];
        Arrays.fill(v, NEG);
        v[0] = 0; // idle before the first step
        if (from == null) from = new byte[S][O];
        for (int s = 0; s < S; s++) {
            double bestLeave = NEG;
            int bestLeaveFrom = 0;
            for (int o = 0; o < O; o++) {
                if (v[o] <= NEG) continue;
                double leave = v[o] - swOut[s][k][o];
                if (leave > bestLeave) {
                    bestLeave = leave;
                    bestLeaveFrom = o;
                }
            }
            for (int o = 0; o < O; o++) {
                if (!possible[s][k][o] || Double.isNaN(rev[s][k][o])) {
                    next[o] = NEG;
                    continue;
                }
                double stay = v[o];
                double enter = bestLeave - swIn[s][k][o];
                double prev;
                if (stay > NEG && stay >= enter) {
                    prev = stay;
                    from[s][o] = (byte) o;
                } else {
                    prev = enter;
                    from[s][o] = (byte) bestLeaveFrom;
                }
                next[o] = prev + (rev[s][k][o] - pow[s][k][o]) * hours - lambda[o][s];
            }
            double[] t = v;
            v = next;
            next = t;
        }
        int end = 0;
        for (int o = 1; o < O; o++) if (v[o] > v[end]) end = o;
        for (int s = S - 1; s >= 0; s--) {
            pathOut[s] = end;
            end = from[s][end];
        }
        return v[pathOut[S - 1]];
    }

    private int[][] usage(int[][] path) {
        int[][] u = new int[S][O];
        for (int k = 0; k < K; k++) for (int s = 0; s < S; s++) u[s][path[k][s]] += gpus[k];
        return u;
    }

    private boolean feasible(int[][] usage) {
        for (int s = 0; s < S; s++) for (int o = 0; o < O; o++) if (usage[s][o] > caps[o]) return false;
        return true;
    }

    private long switchesOf(int[] path) {
        long n = path[0] != 0 ? 1 : 0;
        for (int s = 1; s < S; s++) if (path[s] != path[s - 1]) n++;
        return n;
    }

    /** Per-step profit of the schedule at prices λ, plus Σ λ × cap of the step: sums to L(λ). */
    private double[] cumulative(int[][] path, double[][] lambda) {
        double[] c = new double[S];
        double run = 0;
        for (int s = 0; s < S; s++) {
            for (int k = 0; k < K; k++) {
                int o = path[k][s];
                int p = s == 0 ? 0 : path[k][s - 1];
                double step = (rev[s][k][o] - pow[s][k][o]) * hours - lambda[o][s];
                if (o != p) step -= swOut[s][k][p] + swIn[s][k][o];
                run += gpus[k] * step;
            }
            for (int o = 0; o < O; o++) if (caps[o] != Integer.MAX_VALUE) run += lambda[o][s] * caps[o];
            c[s] = run;
        }
        return c;
    }

    private Solution exact(int[][] path, double[] value, int[][] usage) {
        double revenue = 0, power = 0, switchCost = 0;
        long switches = 0;
        for (int k = 0; k < K; k++) {
            for (int s = 0; s < S; s++) {
                int o = path[k][s];
                int p = s == 0 ? 0 : path[k][s - 1];
                revenue += gpus[k] * rev[s][k][o] * hours;
                power += gpus[k] * pow[s][k][o] * hours;
                if (o != p) {
                    switchCost += gpus[k] * (swOut[s][k][p] + swIn[s][k][o]);
                    switches += gpus[k];
                }
            }
        }
        double[][] noLambda = new double[O][S];
        return new Solution(true, revenue, power, switchCost, revenue - power - switchCost, switches,
                cumulative(path, noLambda), usage);
    }
}
