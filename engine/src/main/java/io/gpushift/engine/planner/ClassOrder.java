package io.gpushift.engine.planner;

import java.util.ArrayList;
import java.util.List;

/**
 * Orders in which the priced local search may visit classes. It is first come, first served: early classes take
 * capped options and disruption budget that later ones may value more. Visiting the classes whose relaxed plan (at
 * the dual prices) gains most per disrupted GPU, or earns most per GPU, first often does better than name order; no
 * order wins on every fleet, so the solver tries each and keeps the best plan.
 */
final class ClassOrder {
    private ClassOrder() {
    }

    static List<List<NodeClass>> orders(Problem p, Dual dual) {
        double[] perDisrupted = new double[p.classes.size()], perGpu = new double[p.classes.size()];
        for (NodeClass c : p.classes) {
            NodeDp.Result r = dual.cache[c.index];
            if (r == null) continue;
            double now = 0; // what runs now, at the same prices
            for (int e = 0; e < c.opt.length; e++)
                now += c.entryValue(e, c.cur[e]) - (e == 0 ? 0 : dual.rho[c.opt[e]] * (c.cur[e] / p.unitGpus[c.opt[e]]));
            perDisrupted[c.index] = (r.value() - now) / (1 + r.moved());
            perGpu[c.index] = r.value() / Math.max(1, c.free);
        }
        return List.of(sorted(p, perDisrupted), sorted(p, perGpu));
    }

    /** Highest key first; ties keep name order (the sort is stable). */
    private static List<NodeClass> sorted(Problem p, double[] key) {
        List<NodeClass> order = new ArrayList<>(p.classes);
        order.sort((x, y) -> Double.compare(key[y.index], key[x.index]));
        return order;
    }
}
