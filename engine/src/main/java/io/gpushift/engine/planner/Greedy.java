package io.gpushift.engine.planner;

/**
 * Builds feasible plans class by class with the exact node DP under the remaining caps and budget. With Lagrange
 * prices it reproduces the relaxed optimum where that is feasible; the improvement pass then re-optimises each class
 * at true values against everything else, which never lowers the objective.
 */
final class Greedy {
    private final Problem p;
    private final NodeDp dp;

    Greedy(Problem p, NodeDp dp) {
        this.p = p;
        this.dp = dp;
    }

    Allocation construct(double[] price, double[] poolPrice, int[] classOrder) {
        Allocation a = new Allocation(p);
        for (int ci : classOrder) assign(a, p.classes.get(ci), price, poolPrice);
        improve(a, classOrder, 2);
        return a;
    }

    /** Re-optimise every class at true values given the rest, up to {@code passes} times or until nothing improves. */
    void improve(Allocation a, int[] classOrder, int passes) {
        for (int pass = 0; pass < passes; pass++) {
            double gained = 0;
            for (int ci : classOrder) {
                NodeClass c = p.classes.get(ci);
                int[][] saved = a.units[c.index].clone();
                double before = classValue(a, c) + a.bonus();
                for (int i = 0; i < c.size(); i++) a.clear(c, i);
                assign(a, c, null, null);
                double after = classValue(a, c) + a.bonus();
                if (after < before) { // sequential re-assignment is greedy: never accept a loss
                    for (int i = 0; i < c.size(); i++) a.clear(c, i);
                    for (int i = 0; i < c.size(); i++) a.set(c, i, saved[i], a.movedOf(c, saved[i]));
                } else gained += after - before;
            }
            if (gained <= 1e-9) break;
        }
    }

    private static double classValue(Allocation a, NodeClass c) {
        double v = 0;
        for (int[] u : a.units[c.index]) v += a.nodeValue(c, u);
        return v;
    }

    /** Give every node of the class its best use under the current remainders (prices optional). */
    void assign(Allocation a, NodeClass c, double[] price, double[] poolPrice) {
        NodeDp.Result r = null;
        boolean bonusSensitive = false;
        for (int i = 0; i < c.size(); i++) {
            if (r == null || bonusSensitive || !a.fits(c, r)) {
                int[] room = price == null ? a.room() : null;
                r = dp.solve(c, price, poolPrice == null ? 0 : poolPrice[c.pool], a.remaining(), a.remBudget(c), room);
                bonusSensitive = false;
                if (room != null) for (int e = 1; e < r.units().length; e++)
                    if (r.units()[e] > 0 && room[c.opt[e]] > 0) bonusSensitive = true;
            }
            a.set(c, i, r.units(), r.moved());
        }
    }
}
