package io.gpushift.engine.planner;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.economics.Ledger;
import io.gpushift.engine.economics.LedgerEntry;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.Mode;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.model.WorkOption;
import io.gpushift.engine.validation.Finding;
import io.gpushift.engine.validation.Validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a validated snapshot into a {@link Problem}: fixed GPUs, movable GPUs, classes and per-GPU values. */
final class ProblemBuilder {
    private ProblemBuilder() {
    }

    static Problem build(Snapshot s, Validation v, Instant now) {
        Problem p = new Problem(s, v, Ledger.overHorizon(s, v, now), now);
        s.mining().stream().sorted(Comparator.comparing(WorkOption::id)).forEach(p.options::add);
        s.ai().stream().sorted(Comparator.comparing(WorkOption::id)).forEach(p.options::add);
        int n = p.optionCount();
        p.unitGpus = new int[n];
        p.cap = new int[n];
        p.min = new int[n];
        p.bonus = new double[n];
        p.fixedUnits = new int[n];
        p.unitGpus[0] = 1;
        p.cap[0] = Problem.UNLIMITED;
        for (int o = 1; o < n; o++) {
            WorkOption w = p.option(o);
            p.optionIndex.putIfAbsent(w.id(), o);
            p.unitGpus[o] = Math.max(1, w.gpusPerUnit());
            if (w instanceof AiOption a) {
                p.cap[o] = Math.max(0, a.maxReplicas());
                if (a.guaranteed()) {
                    p.min[o] = Math.max(0, a.minReplicas());
                    p.bonus[o] = Problem.GUARANTEE_BONUS + 1000.0 * Math.clamp(a.priority(), 0, 1000);
                }
            } else {
                Integer max = ((io.gpushift.engine.model.MiningOption) w).maxGpus();
                p.cap[o] = max == null ? Problem.UNLIMITED : Math.max(0, max);
            }
        }
        s.pools().stream().sorted(Comparator.comparing(NodePool::name)).forEach(pool -> {
            p.poolIndex.put(pool.name(), p.pools.size());
            p.pools.add(pool);
        });
        p.overCap = new boolean[n];
        int[] running = new int[n];
        for (Node node : s.nodes())
            for (Assignment a : node.assignments()) {
                Integer o = p.optionIndex.get(a.optionId());
                if (o != null) running[o] += a.gpus() / p.unitGpus[o];
            }
        // Shrinking an option that runs above its (lowered) cap is not a move for profit: not budget-limited.
        for (int o = 1; o < n; o++) p.overCap[o] = running[o] > p.cap[o];
        for (int o = 1; o < n; o++) {
            if (p.option(o) instanceof AiOption a && running[o] < p.min[o] && a.marketDataFresh()
                    && !v.invalidOptions().contains(a.id())) p.unmetGuarantees.add(a);
        }
        int[] poolGpus = new int[p.pools.size()];
        List<Node> nodes = new ArrayList<>(s.nodes());
        nodes.sort(Comparator.comparing(Node::name));
        Map<ClassKey, NodeClass> byKey = new java.util.HashMap<>();
        for (Node node : nodes) {
            Integer pi = p.poolIndex.get(node.pool());
            if (pi != null) poolGpus[pi] += Math.max(0, node.gpuCount());
            String held = heldReason(p, node, pi);
            if (held != null) {
                p.heldNodes.put(node, held);
                for (Assignment a : node.assignments()) addFixed(p, a.optionId(), a.gpus());
                continue;
            }
            classify(p, node, pi, byKey);
        }
        p.budget = new int[p.pools.size()];
        for (int i = 0; i < p.pools.size(); i++) p.budget[i] = p.pools.get(i).disruptionBudget().limit(poolGpus[i]);
        return p;
    }

    private static String heldReason(Problem p, Node node, Integer pool) {
        if (pool == null || p.validation.invalidPools().contains(node.pool())) return "pool " + node.pool() + " is invalid";
        if (p.pools.get(pool).mode() == Mode.PAUSED) return "pool " + node.pool() + " is Paused";
        if (node.excluded()) return "node is excluded";
        if (!node.schedulable()) return "node is not schedulable";
        if (node.gpuCount() <= 0 || node.assignedGpus() > node.gpuCount()) return "node is invalid";
        return null;
    }

    private static void addFixed(Problem p, String optionId, int gpus) {
        Integer o = p.optionIndex.get(optionId);
        if (o != null) p.fixedUnits[o] += gpus / p.unitGpus[o];
    }

    /** What makes nodes indistinguishable to the planner (a record, not a formatted string: built for every node). */
    private record ClassKey(int pool, String product, int memory, int free, Map<String, Integer> fixed,
                            Map<Integer, Integer> cur, String pin) {
    }

    private static void classify(Problem p, Node node, int pool, Map<ClassKey, NodeClass> byKey) {
        NodePool policy = p.pools.get(pool);
        TreeMap<String, Integer> fixed = new TreeMap<>();
        TreeMap<Integer, Integer> cur = new TreeMap<>();
        for (Assignment a : node.assignments()) {
            Integer o = p.optionIndex.get(a.optionId());
            int hold = fixedPart(p, node, policy, a, o);
            if (hold > 0) {
                fixed.merge(a.optionId(), hold, Integer::sum);
                if (o != null) p.fixedUnits[o] += hold / p.unitGpus[o];
            }
            if (a.gpus() > hold) cur.merge(o, a.gpus() - hold, Integer::sum);
        }
        int free = node.gpuCount() - fixed.values().stream().mapToInt(Integer::intValue).sum();
        ClassKey key = new ClassKey(pool, node.gpuProduct(), node.gpuMemoryMiB(), free, fixed, cur, node.pin());
        NodeClass c = byKey.get(key);
        if (c == null) {
            c = new NodeClass(p.classes.size(), pool, node.gpuProduct(), free, Map.copyOf(fixed), node.pin());
            Valuation.entries(p, c, node, cur);
            byKey.put(key, c);
            p.classes.add(c);
        }
        c.nodes.add(node);
    }

    /** GPUs of one current assignment that must stay where they are, and why is documented on each branch. */
    private static int fixedPart(Problem p, Node node, NodePool policy, Assignment a, Integer o) {
        if (o == null) {
            p.findings.add(new Finding(Finding.Severity.WARNING, "Node " + node.name(), "assignments[" + a.optionId() + "]",
                    "names an unknown option; its " + a.gpus() + " GPUs are held"));
            return a.gpus();
        }
        WorkOption w = p.option(o);
        int k = p.unitGpus[o];
        // Invalid or stale market data: no move to or from the option for profit.
        if (p.validation.invalidOptions().contains(w.id()) || !w.marketDataFresh()) return a.gpus();
        // A contract: running guaranteed replicas are never preempted for profit.
        if (w instanceof AiOption ai && ai.guaranteed()) return a.gpus();
        // A replica is atomic; a remainder that is not a whole replica cannot be reasoned about, so it holds.
        int remainder = a.gpus() % k;
        // Minimum dwell (a pin is an order and overrides it; so does a contract: an unmet Guaranteed minimum may take
        // GPUs on nodes that can host it at once).
        if (node.pin() == null && a.since() != null && a.since().plus(policy.minDwell()).isAfter(p.now)
                && !canHostUnmetGuarantee(p, node)) return a.gpus();
        int prot = node.protectedGpus().getOrDefault(a.optionId(), 0);
        int protectedGpus = Math.min(a.gpus() - remainder, (prot + k - 1) / k * k);
        return remainder + protectedGpus;
    }

    static boolean canHostUnmetGuarantee(Problem p, Node node) {
        for (AiOption a : p.unmetGuarantees) {
            String product = node.gpuProduct();
            if ((a.allowedProducts().isEmpty() || a.allowedProducts().contains(product))
                    && node.gpuMemoryMiB() >= a.minGpuMemoryMiB() && node.gpuCount() >= a.gpusPerReplica()
                    && a.revenuePerGpuHour().containsKey(product) && a.watts().containsKey(product)
                    && p.validation.eligible(a.id(), product)) return true;
        }
        return false;
    }

    static LedgerEntry entry(Problem p, NodeClass c, int o) {
        return p.ledger.get(p.pools.get(c.pool).name(), c.product, p.optionId(o));
    }
}
