package io.gpushift.engine.planner;

import io.gpushift.engine.economics.LedgerEntry;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.model.WorkOption;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which options a class may use and what one GPU earns on each over the horizon.
 * A move pays only if the gain over the horizon beats the switch-in cost of the new use plus the switch-out cost and
 * hysteresis margin of the old one; both are folded into per-GPU costs so the optimiser sees them directly.
 */
final class Valuation {
    private Valuation() {
    }

    static void entries(Problem p, NodeClass c, Node node, Map<Integer, Integer> current) {
        List<Integer> opts = new ArrayList<>();
        List<Integer> max = new ArrayList<>();
        opts.add(0);
        max.add(c.free);
        for (int o = 1; o < p.optionCount(); o++) {
            boolean isCurrent = current.containsKey(o);
            boolean ok = eligible(p, c, node, o);
            if (ok || isCurrent) {
                opts.add(o);
                max.add(ok ? c.free / p.unitGpus[o] : 0);
            }
        }
        int n = opts.size();
        c.opt = new int[n];
        c.cur = new int[n];
        c.maxUnits = new int[n];
        c.value = new double[n];
        c.start = new double[n];
        c.leave = new double[n];
        c.exempt = new boolean[n];
        c.ledger = new LedgerEntry[n];
        NodePool pool = p.pools.get(c.pool);
        double h = pool.horizonHours();
        int assigned = 0;
        for (int e = 0; e < n; e++) {
            int o = opts.get(e);
            c.opt[e] = o;
            c.maxUnits[e] = max.get(e);
            c.cur[e] = e == 0 ? 0 : current.getOrDefault(o, 0);
            assigned += c.cur[e];
            // leaving a use that is no longer allowed, or above its cap, is not a disruption for profit
            c.exempt[e] = c.maxUnits[e] == 0 || p.overCap[o];
            LedgerEntry le = ProblemBuilder.entry(p, c, o);
            c.ledger[e] = le;
            double profit = le == null ? 0 : le.profitUsdPerGpuHour();
            double margin = h * Math.max(pool.hysteresis().minGainUsdPerGpuHour(),
                    pool.hysteresis().minGainPercent() / 100.0 * Math.abs(profit));
            boolean pinned = c.pin != null && c.pin.equals(p.optionId(o));
            c.value[e] = h * profit + (pinned ? Problem.PIN_BONUS : 0);
            c.start[e] = le == null ? 0 : le.switchInUsd();
            c.leave[e] = (le == null ? 0 : le.switchOutUsd()) + margin + Problem.CHURN_EPSILON;
            if (e > 0 && !c.exempt[e]) c.movable += c.cur[e];
        }
        c.cur[0] = c.free - assigned;
        int[] count = new int[c.free + 1];
        for (int e = 1; e < n; e++) if (p.unitGpus[c.opt[e]] <= c.free) count[p.unitGpus[c.opt[e]]]++;
        c.bySize = new int[c.free + 1][];
        for (int k = 0; k <= c.free; k++) c.bySize[k] = new int[count[k]];
        java.util.Arrays.fill(count, 0);
        for (int e = 1; e < n; e++) {
            int k = p.unitGpus[c.opt[e]];
            if (k <= c.free) c.bySize[k][count[k]++] = e;
        }
    }

    private static boolean eligible(Problem p, NodeClass c, Node node, int o) {
        WorkOption w = p.option(o);
        if (c.pin != null && !c.pin.equals(w.id())) return false;
        if (!w.marketDataFresh() || p.validation.invalidOptions().contains(w.id())) return false;
        if (p.unitGpus[o] > c.free) return false;
        LedgerEntry le = ProblemBuilder.entry(p, c, o);
        // a pin is an order: it overrides the loss rule and pool restrictions, not the requirements
        if (le == null || !le.eligible() && c.pin == null) return false;
        return !(w instanceof AiOption a) || node.gpuMemoryMiB() >= a.minGpuMemoryMiB();
    }
}
