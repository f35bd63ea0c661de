package io.gpushift.engine.planner;

import io.gpushift.engine.economics.LedgerEntry;
import io.gpushift.engine.explain.Change;
import io.gpushift.engine.explain.Held;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.model.WorkOption;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Puts numbers on every move and on every tempting move that was held back. Figures are per hour at the horizon tariff. */
final class Explainer {
    private final Problem p;
    private final Allocation a;
    final List<Change> changes = new ArrayList<>();
    final List<Held> held = new ArrayList<>();

    Explainer(Problem p, Allocation a) {
        this.p = p;
        this.a = a;
    }

    void node(NodeClass c, Node node, int[] u) {
        heldFixed(c, node);
        if (c != lastClass || u != lastUnits) { // nodes of a class given the same units: explained once
            lastClass = c;
            lastUnits = u;
            lastHeld = new ArrayList<>();
            lastChanges = new ArrayList<>();
            explain(c, u, lastHeld, lastChanges);
        }
        String name = node.name();
        for (Held h : lastHeld)
            held.add(new Held(name, h.from(), h.tempting(), h.gpus(), h.gainUsdPerHour(), h.reason(), h.message()));
        for (Change t : lastChanges)
            changes.add(new Change(name, t.from(), t.to(), t.gpus(), t.gainUsdPerHour(), t.switchCostUsd(),
                    t.paybackHours(), t.runnerUp(), t.runnerUpProfitUsdPerGpuHour(), t.flipRevenueUsdPerGpuHour(),
                    t.reason(), name + t.message()));
    }

    private NodeClass lastClass;
    private int[] lastUnits;
    private List<Held> lastHeld;
    private List<Change> lastChanges;

    /** Held and changed GPUs of one node of class c given units u, without the node name (templates). */
    private void explain(NodeClass c, int[] u, List<Held> heldOut, List<Change> changesOut) {
        int[] dec = new int[u.length], inc = new int[u.length];
        for (int e = 0; e < u.length; e++) {
            int g = u[e] * p.unitGpus[c.opt[e]];
            dec[e] = Math.max(0, c.cur[e] - g);
            inc[e] = Math.max(0, g - c.cur[e]);
            int stayed = Math.min(c.cur[e], g);
            if (stayed > 0) heldMovable(c, e, stayed, heldOut);
        }
        int i = 0, j = 0;
        while (true) {
            while (i < u.length && dec[i] == 0) i++;
            while (j < u.length && inc[j] == 0) j++;
            if (i == u.length || j == u.length) break;
            int g = Math.min(dec[i], inc[j]);
            changesOut.add(change(c, i, j, g));
            dec[i] -= g;
            inc[j] -= g;
        }
    }

    /** Nodes of a class making the same move get the same figures: computed and formatted once. */
    private final java.util.Map<Long, Change> changeTemplates = new java.util.HashMap<>();
    private final java.util.Map<Long, String[]> heldTemplates = new java.util.HashMap<>();

    private Change change(NodeClass c, int from, int to, int gpus) {
        long key = (((long) c.index * 4096 + from) * 4096 + to) * 4096 + gpus;
        return changeTemplates.computeIfAbsent(key, k -> template(c, from, to, gpus));
    }

    /** A change without its node: the message starts after the node name. */
    private Change template(NodeClass c, int from, int to, int gpus) {
        LedgerEntry lf = entry(c, from), lt = entry(c, to);
        double gain = gpus * (profit(lt) - profit(lf));
        double cost = gpus * (c.start[to] + (lf == null ? 0 : lf.switchOutUsd()));
        String reason = c.pin != null && c.pin.equals(p.optionId(c.opt[to])) ? "pin"
                : c.exempt[from] ? "loss"
                : p.bonus[c.opt[to]] > 0 && a.usage[c.opt[to]] <= p.min[c.opt[to]] ? "guarantee" : "profit";
        double payback = gain > 0 && reason.equals("profit") ? cost / gain : Double.NaN;
        int ru = runnerUp(c, to);
        LedgerEntry lr = ru < 0 ? null : entry(c, ru);
        double flip = lr == null ? Double.NaN : profit(lt) + lr.powerUsdPerGpuHour();
        String msg = String.format(Locale.ROOT, ": %d GPU(s) %s → %s (%s): %+.4f USD/h, switch cost %.4f USD, payback %s",
                gpus, p.optionId(c.opt[from]), p.optionId(c.opt[to]), reason, gain, cost,
                Double.isNaN(payback) ? "n/a" : String.format(Locale.ROOT, "%.2f h", payback))
                + (lr == null ? "" : String.format(Locale.ROOT, "; runner-up %s at %.4f USD/GPU-h, would win above %.4f USD/GPU-h revenue",
                lr.option(), profit(lr), flip));
        return new Change("", p.optionId(c.opt[from]), p.optionId(c.opt[to]), gpus, gain, cost, payback,
                lr == null ? null : lr.option(), lr == null ? Double.NaN : profit(lr), flip, reason, msg);
    }

    /** Best eligible entry by profit per hour other than {@code except}, or -1. Ties: lower option index. */
    private int runnerUp(NodeClass c, int except) {
        if (c.runnerUp == null) {
            c.runnerUp = new int[c.opt.length];
            java.util.Arrays.fill(c.runnerUp, -2);
        }
        if (c.runnerUp[except] == -2) c.runnerUp[except] = computeRunnerUp(c, except);
        return c.runnerUp[except];
    }

    private int computeRunnerUp(NodeClass c, int except) {
        int best = -1;
        for (int e = 0; e < c.opt.length; e++) {
            if (e == except || c.maxUnits[e] == 0 && e != 0) continue;
            if (best < 0 || profit(entry(c, e)) > profit(entry(c, best))) best = e;
        }
        return best;
    }

    private void heldMovable(NodeClass c, int e, int stayed, List<Held> out) {
        int alt = runnerUp(c, e);
        if (alt < 0) return;
        double gainPerGpu = profit(entry(c, alt)) - profit(entry(c, e));
        if (gainPerGpu <= 1e-12) return;
        NodePool pool = p.pools.get(c.pool);
        double h = pool.horizonHours();
        double cost = c.start[alt] + (entry(c, e) == null ? 0 : entry(c, e).switchOutUsd());
        double needed = c.leave[e] + c.start[alt] - Problem.CHURN_EPSILON;
        double gainH = gainPerGpu * h;
        int o = c.opt[alt];
        String[] rm = heldTemplates.computeIfAbsent((long) c.index * 4096 + e, k -> heldReason(c, e, alt, gainH, cost, needed, h));
        out.add(new Held("", p.optionId(c.opt[e]), p.optionId(o), stayed, stayed * gainPerGpu, rm[0], rm[1]));
    }

    private String[] heldReason(NodeClass c, int e, int alt, double gainH, double cost, double needed, double h) {
        int o = c.opt[alt];
        String reason, msg;
        if (gainH <= cost) {
            reason = "payback";
            msg = String.format(Locale.ROOT, "held: switch cost %.4f USD not paid back within the %.1f h horizon", cost, h);
        } else if (gainH <= needed) {
            reason = "hysteresis";
            msg = String.format(Locale.ROOT, "held: gain %.0f %% below hysteresis", 100 * (needed - gainH) / needed);
        } else if (e != 0 && a.moved[c.pool] >= p.budget[c.pool]) {
            reason = "budget";
            msg = "held: disruption budget (" + p.budget[c.pool] + " GPUs) used up";
        } else if (a.usage[o] >= a.effCap[o]) {
            reason = "cap";
            msg = "held: " + p.optionId(o) + " is at its maximum (" + a.effCap[o] + (p.unitGpus[o] > 1 || p.option(o) instanceof AiOption ? " replicas)" : " GPUs)");
        } else {
            reason = "fit";
            msg = "held: a better use of the fleet as a whole (replica size " + p.unitGpus[o] + " or other placement)";
        }
        return new String[]{reason, msg};
    }

    /** Per (class, option): nodes of a class share product, memory and GPU count. */
    private final java.util.Map<Long, Integer> bestOnNode = new java.util.HashMap<>();

    /** GPUs fixed before optimisation: say why, when a better use exists. */
    private void heldFixed(NodeClass c, Node node) {
        NodePool pool = p.pools.get(c.pool);
        for (Assignment as : node.assignments()) {
            Integer o = p.optionIndex.get(as.optionId());
            int fixed = c.fixed.getOrDefault(as.optionId(), 0);
            if (o == null || fixed == 0) continue;
            WorkOption w = p.option(o);
            if (w instanceof AiOption ai && ai.guaranteed()) continue;
            LedgerEntry from = ProblemBuilder.entry(p, c, o);
            int alt = bestOnNode.computeIfAbsent((long) c.index * 65536 + o, k -> bestOnNode(c, node, o));
            if (alt < 0) continue;
            double gain = profit(ProblemBuilder.entry(p, c, alt)) - (from == null ? Double.NEGATIVE_INFINITY : profit(from));
            if (!(gain > 1e-12) && from != null) continue;
            String reason, msg;
            if (!w.marketDataFresh() || p.validation.invalidOptions().contains(w.id())) {
                reason = "stale";
                msg = "held: market data of " + w.id() + (w.marketDataFresh() ? " is invalid" : " is stale");
            } else if (as.since() != null && node.pin() == null && as.since().plus(pool.minDwell()).isAfter(p.now)) {
                Duration left = Duration.between(p.now, as.since().plus(pool.minDwell()));
                reason = "dwell";
                msg = "held: dwell " + Math.max(1, (left.toSeconds() + 59) / 60) + "m left";
            } else {
                reason = "protected";
                msg = "held: protected (do-not-disrupt) pods";
            }
            held.add(new Held(node.name(), as.optionId(), p.optionId(alt), fixed,
                    from == null ? Double.NaN : fixed * gain, reason, msg));
        }
    }

    /** Most profitable option (index) the node could run if nothing held it, other than {@code except}. */
    private int bestOnNode(NodeClass c, Node node, int except) {
        int best = -1;
        double bestProfit = Double.NEGATIVE_INFINITY;
        for (int o = 0; o < p.optionCount(); o++) {
            if (o == except || p.unitGpus[o] > node.gpuCount()) continue;
            LedgerEntry le = ProblemBuilder.entry(p, c, o);
            if (le == null || !le.eligible()) continue;
            if (p.option(o) instanceof AiOption ai && node.gpuMemoryMiB() < ai.minGpuMemoryMiB()) continue;
            if (p.option(o) != null && !p.option(o).marketDataFresh()) continue;
            if (le.profitUsdPerGpuHour() > bestProfit) {
                best = o;
                bestProfit = le.profitUsdPerGpuHour();
            }
        }
        return best;
    }

    private LedgerEntry entry(NodeClass c, int e) {
        return c.ledger[e];
    }

    private static double profit(LedgerEntry le) {
        return le == null ? Double.NEGATIVE_INFINITY : le.profitUsdPerGpuHour();
    }
}
