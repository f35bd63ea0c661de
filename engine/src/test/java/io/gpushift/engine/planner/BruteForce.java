package io.gpushift.engine.planner;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.WorkOption;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Enumerates every node-level plan, keeps the feasible ones ({@link Checker}) and returns the best objective. */
final class BruteForce {
    record Best(double objective, Map<String, Map<String, Integer>> plan, long feasible) {
    }

    static Best solve(Snapshot s) {
        Checker checker = new Checker(s);
        ToDoubleFunction<Map<String, Map<String, Integer>>> objective = Planner.objective(s, s.now());
        List<WorkOption> opts = new ArrayList<>(checker.options.values());
        opts.sort((a, b) -> a.id().compareTo(b.id()));
        List<List<Map<String, Integer>>> perNode = new ArrayList<>();
        for (Node n : s.nodes()) {
            List<Map<String, Integer>> list = new ArrayList<>();
            gen(n, opts, 0, new TreeMap<>(), n.gpuCount(), list);
            list.removeIf(m -> !checker.nodeViolations(n, m).isEmpty());
            perNode.add(list);
        }
        Best[] best = {new Best(Double.NEGATIVE_INFINITY, null, 0)};
        long[] count = {0};
        Map<String, Map<String, Integer>> plan = new HashMap<>();
        dfs(s, checker, objective, perNode, 0, plan, best, count);
        return new Best(best[0].objective(), best[0].plan(), count[0]);
    }

    private static void gen(Node n, List<WorkOption> opts, int i, TreeMap<String, Integer> cur, int left,
                            List<Map<String, Integer>> out) {
        if (i == opts.size()) {
            out.add(new TreeMap<>(cur));
            return;
        }
        WorkOption w = opts.get(i);
        int fixedExtra = 0; // the node may keep a non-multiple remainder (fixed); allow its exact current count too
        for (var a : n.assignments()) if (a.optionId().equals(w.id()) && a.gpus() % w.gpusPerUnit() != 0) fixedExtra = a.gpus();
        List<Integer> counts = new ArrayList<>();
        for (int g = 0; g <= left; g += w.gpusPerUnit()) counts.add(g);
        if (fixedExtra > 0 && fixedExtra <= left) counts.add(fixedExtra);
        for (int g : counts) {
            if (g > 0) cur.put(w.id(), g);
            gen(n, opts, i + 1, cur, left - g, out);
            cur.remove(w.id());
        }
    }

    private static void dfs(Snapshot s, Checker checker, ToDoubleFunction<Map<String, Map<String, Integer>>> objective,
                            List<List<Map<String, Integer>>> perNode, int i, Map<String, Map<String, Integer>> plan,
                            Best[] best, long[] count) {
        if (i == perNode.size()) {
            if (!checker.violations(plan).isEmpty()) return;
            count[0]++;
            double v = objective.applyAsDouble(plan);
            if (Double.isNaN(v)) throw new AssertionError("checker-feasible plan rejected by the objective: " + plan);
            if (v > best[0].objective()) best[0] = new Best(v, new HashMap<>(plan), 0);
            return;
        }
        String node = s.nodes().get(i).name();
        for (Map<String, Integer> m : perNode.get(i)) {
            plan.put(node, m);
            dfs(s, checker, objective, perNode, i + 1, plan, best, count);
        }
        plan.remove(node);
    }
}
