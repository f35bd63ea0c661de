package io.gpushift.engine.planner;

import io.gpushift.engine.Plan;
import io.gpushift.engine.Snapshot;
import io.gpushift.engine.economics.Ledger;
import io.gpushift.engine.economics.LedgerEntry;
import io.gpushift.engine.explain.Unmet;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.WorkOption;
import io.gpushift.engine.validation.Finding;
import io.gpushift.engine.validation.Validation;
import io.gpushift.engine.validation.Validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Entry point of the planner package: snapshot in, node-level plan with explanations out. */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(Snapshot s, Validation v, Instant now) {
        List<Finding> findings = new ArrayList<>(v.findings());
        Ledger ledgerNow = Ledger.at(s, v, now);
        if (v.fleetEmpty()) {
            return new Plan(now, List.of(), List.of(), List.of(), List.of(), List.of(), findings, ledgerNow.entries(),
                    new Plan.Summary(0, 0, true, 0, 0, 0, 0, 0));
        }
        Problem p = ProblemBuilder.build(s, v, now);
        findings.addAll(p.findings);
        Solver.Solution sol = Solver.solve(p);
        return assemble(p, sol, findings, ledgerNow);
    }

    /**
     * The planner's objective for node-level uses of the fleet ({@code node → option → GPUs}, idle omitted), on the
     * same terms as {@link Plan.Summary#objectiveUsd()} plus the guarantee bonus; NaN when a plan moves GPUs that
     * must stay or uses an option a node may not use. Caps and budgets are not checked here. For tests and tools.
     */
    public static ToDoubleFunction<Map<String, Map<String, Integer>>> objective(Snapshot s, Instant now) {
        Problem p = ProblemBuilder.build(s, Validator.validate(s), now);
        return plan -> evaluate(p, plan);
    }

    private static double evaluate(Problem p, Map<String, Map<String, Integer>> plan) {
        Allocation a = new Allocation(p);
        for (Node n : p.heldNodes.keySet())
            if (!current(n).equals(withoutZeros(plan.getOrDefault(n.name(), Map.of())))) return Double.NaN;
        for (NodeClass c : p.classes) {
            for (int i = 0; i < c.size(); i++) {
                Map<String, Integer> want = withoutZeros(plan.getOrDefault(c.nodes.get(i).name(), Map.of()));
                int[] u = new int[c.opt.length];
                int used = 0;
                for (var en : want.entrySet()) {
                    int g = en.getValue() - c.fixed.getOrDefault(en.getKey(), 0);
                    if (g == 0) continue;
                    Integer o = p.optionIndex.get(en.getKey());
                    int e = o == null ? -1 : c.entryOf(o);
                    if (g < 0 || e < 0 || g % p.unitGpus[o] != 0 || g / p.unitGpus[o] > c.maxUnits[e]) return Double.NaN;
                    u[e] = g / p.unitGpus[o];
                    used += g;
                }
                for (var en : c.fixed.entrySet()) if (want.getOrDefault(en.getKey(), 0) < en.getValue()) return Double.NaN;
                if (used > c.free) return Double.NaN;
                u[0] = c.free - used;
                a.set(c, i, u, a.movedOf(c, u));
            }
        }
        return a.objective();
    }

    private static Map<String, Integer> withoutZeros(Map<String, Integer> m) {
        Map<String, Integer> r = new TreeMap<>(m);
        r.values().removeIf(g -> g == 0);
        return r;
    }

    static Map<String, Integer> current(Node n) {
        Map<String, Integer> m = new TreeMap<>();
        for (Assignment as : n.assignments()) if (as.gpus() > 0) m.merge(as.optionId(), as.gpus(), Integer::sum);
        return m;
    }

    private static Plan assemble(Problem p, Solver.Solution sol, List<Finding> findings, Ledger now) {
        Allocation a = sol.allocation();
        Explainer ex = new Explainer(p, a);
        List<Plan.NodePlan> nodes = new ArrayList<>();
        Map<String, List<String>> replicaNodes = new TreeMap<>();
        Map<String, Integer> gpusPerOption = new TreeMap<>();
        double[] money = new double[3];
        int movedTotal = 0, disrupted = 0;
        for (var en : p.heldNodes.entrySet()) {
            Node n = en.getKey();
            Map<String, Integer> cur = current(n);
            nodes.add(new Plan.NodePlan(n.name(), n.pool(), n.gpuProduct(), cur, false, en.getValue()));
            tally(p, n, cur, now, money, replicaNodes, gpusPerOption);
        }
        double pinBonus = 0;
        for (NodeClass c : p.classes) {
            Map<String, Integer> cur = current(c.nodes.get(0)); // the same for every node of a class
            NodeTemplate t = null;
            for (int i = 0; i < c.size(); i++) {
                Node n = c.nodes.get(i);
                int[] u = a.units[c.index][i];
                // nodes of a class given the same units share one template: map, money and counts computed once
                if (t == null || t.units != u) t = template(p, a, c, u, cur, now);
                movedTotal += t.moved;
                pinBonus += t.pinBonus;
                disrupted += t.disrupted;
                money[0] += t.revenue;
                money[1] += t.power;
                nodes.add(new Plan.NodePlan(n.name(), n.pool(), n.gpuProduct(), t.gpus, t.changed, null));
                for (var en : t.gpus.entrySet()) {
                    gpusPerOption.merge(en.getKey(), en.getValue(), Integer::sum);
                    Integer o = p.optionIndex.get(en.getKey());
                    if (o != null && p.option(o) instanceof AiOption) {
                        List<String> reps = replicaNodes.computeIfAbsent(en.getKey(), k -> new ArrayList<>());
                        for (int r = 0; r < en.getValue() / p.unitGpus[o]; r++) reps.add(n.name());
                    }
                }
                ex.node(c, n, u);
            }
        }
        nodes.sort(Comparator.comparing(Plan.NodePlan::node));
        List<Plan.Placement> placements = new ArrayList<>();
        List<Unmet> unmet = new ArrayList<>();
        for (int o = 1; o < p.optionCount(); o++) {
            WorkOption w = p.option(o);
            int gpus = gpusPerOption.getOrDefault(w.id(), 0);
            List<String> reps = replicaNodes.getOrDefault(w.id(), List.of());
            boolean isAi = w instanceof AiOption;
            placements.add(new Plan.Placement(w.id(), isAi ? LedgerEntry.Kind.AI : LedgerEntry.Kind.MINING, gpus,
                    isAi ? reps.size() : 0, isAi ? List.copyOf(reps) : List.of()));
            if (w instanceof AiOption ai && reps.size() < ai.minReplicas())
                unmet.add(new Unmet(ai.id(), ai.guaranteed(), ai.minReplicas(), reps.size(), unmetReason(p, a, o)));
        }
        double bonus = a.bonus() + pinBonus;
        Plan.Summary summary = new Plan.Summary(sol.objective() - bonus, sol.upperBound() - bonus, sol.provenOptimal(),
                money[0], money[1], money[0] - money[1], movedTotal, disrupted);
        return new Plan(p.now, nodes, placements, ex.changes, ex.held, unmet, findings, now.entries(), summary);
    }

    /** What every node of a class given the same units contributes to the plan. */
    private record NodeTemplate(int[] units, Map<String, Integer> gpus, boolean changed, int moved, double pinBonus,
                                int disrupted, double revenue, double power) {
    }

    private static NodeTemplate template(Problem p, Allocation a, NodeClass c, int[] u, Map<String, Integer> cur, Ledger now) {
        Map<String, Integer> g = new TreeMap<>(c.fixed);
        for (int e = 1; e < u.length; e++)
            if (u[e] > 0) g.merge(p.optionId(c.opt[e]), u[e] * p.unitGpus[c.opt[e]], Integer::sum);
        int moved = 0;
        double pin = 0;
        for (int e = 0; e < u.length; e++) {
            int gp = u[e] * p.unitGpus[c.opt[e]];
            moved += Math.max(0, gp - c.cur[e]);
            if (c.pin != null && c.pin.equals(p.optionId(c.opt[e]))) pin += gp * Problem.PIN_BONUS;
        }
        double[] money = new double[2];
        addMoney(c.nodes.get(0), g, now, money);
        Map<String, Integer> gpus = java.util.Collections.unmodifiableMap(g);
        return new NodeTemplate(u, gpus, !g.equals(cur), moved, pin, a.movedOf(c, u), money[0], money[1]);
    }

    private static void tally(Problem p, Node n, Map<String, Integer> gpus, Ledger now, double[] money,
                              Map<String, List<String>> replicaNodes, Map<String, Integer> perOption) {
        for (var en : gpus.entrySet()) {
            perOption.merge(en.getKey(), en.getValue(), Integer::sum);
            Integer o = p.optionIndex.get(en.getKey());
            if (o != null && p.option(o) instanceof AiOption)
                for (int r = 0; r < en.getValue() / p.unitGpus[o]; r++)
                    replicaNodes.computeIfAbsent(en.getKey(), k -> new ArrayList<>()).add(n.name());
        }
        addMoney(n, gpus, now, money);
    }

    /** Adds a node's revenue ({@code money[0]}) and power, its idle GPUs' included ({@code money[1]}), at {@code now}. */
    private static void addMoney(Node n, Map<String, Integer> gpus, Ledger now, double[] money) {
        int used = 0;
        for (var en : gpus.entrySet()) {
            used += en.getValue();
            LedgerEntry le = now.get(n.pool(), n.gpuProduct(), en.getKey());
            if (le != null) {
                money[0] += en.getValue() * le.revenueUsdPerGpuHour();
                money[1] += en.getValue() * le.powerUsdPerGpuHour();
            }
        }
        LedgerEntry idle = now.get(n.pool(), n.gpuProduct(), LedgerEntry.IDLE);
        if (idle != null) money[1] += Math.max(0, n.gpuCount() - used) * idle.powerUsdPerGpuHour();
    }

    private static String unmetReason(Problem p, Allocation a, int o) {
        boolean anywhere = p.classes.stream().anyMatch(c -> c.entryOf(o) >= 0 && c.maxUnits[c.entryOf(o)] > 0);
        if (!anywhere) return "no eligible GPU (product, memory, replica size, price or market data)";
        for (NodeClass c : p.classes)
            if (c.entryOf(o) >= 0 && c.movable > 0 && a.moved[c.pool] >= p.budget[c.pool])
                return "disruption budget of pool " + p.pools.get(c.pool).name() + " used up; continues next decision";
        return "not enough eligible GPUs free (held, or used by other guaranteed work)";
    }
}
