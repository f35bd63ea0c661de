package io.gpushift.engine.planner;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.economics.Ledger;
import io.gpushift.engine.economics.LedgerEntry;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.Mode;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.model.WorkOption;
import io.gpushift.engine.validation.Validation;
import io.gpushift.engine.validation.Validator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The constraints, written again from the specification (not from the planner's code): a plan is feasible iff
 * {@link #violations} is empty.
 */
final class Checker {
    final Snapshot s;
    final Instant now;
    final Validation v;
    final Ledger ledger;
    final Map<String, WorkOption> options = new HashMap<>();
    final Map<String, NodePool> pools = new HashMap<>();
    /** node → option → GPUs that must stay */
    final Map<String, Map<String, Integer>> fixed = new HashMap<>();
    final Map<String, Boolean> held = new HashMap<>();

    Checker(Snapshot s) {
        this.s = s;
        now = s.now();
        v = Validator.validate(s);
        ledger = Ledger.overHorizon(s, v, now);
        s.mining().forEach(m -> options.put(m.id(), m));
        s.ai().forEach(a -> options.put(a.id(), a));
        s.pools().forEach(p -> pools.put(p.name(), p));
        Map<String, Integer> running = new TreeMap<>();
        for (Node n : s.nodes())
            for (Assignment a : n.assignments()) {
                WorkOption w = options.get(a.optionId());
                if (w != null) running.merge(a.optionId(), a.gpus() / Math.max(1, w.gpusPerUnit()), Integer::sum);
            }
        List<AiOption> unmet = s.ai().stream().filter(a -> a.guaranteed() && a.marketDataFresh()
                && !v.invalidOptions().contains(a.id())
                && running.getOrDefault(a.id(), 0) < a.minReplicas()).toList();
        for (Node n : s.nodes()) {
            NodePool pool = pools.get(n.pool());
            // The rule under test: an unmet Guaranteed minimum lifts minimum dwell on the nodes that could host it.
            boolean dwellLifted = unmet.stream().anyMatch(a -> (a.allowedProducts().isEmpty()
                    || a.allowedProducts().contains(n.gpuProduct())) && n.gpuMemoryMiB() >= a.minGpuMemoryMiB()
                    && n.gpuCount() >= a.gpusPerReplica() && a.revenuePerGpuHour().containsKey(n.gpuProduct())
                    && a.watts().containsKey(n.gpuProduct()) && v.eligible(a.id(), n.gpuProduct()));
            boolean h = pool == null || v.invalidPools().contains(n.pool()) || pool.mode() == Mode.PAUSED || n.excluded()
                    || !n.schedulable();
            held.put(n.name(), h);
            Map<String, Integer> f = new TreeMap<>();
            for (Assignment a : n.assignments()) {
                WorkOption w = options.get(a.optionId());
                int k = w == null ? 1 : w.gpusPerUnit();
                boolean all = h || w == null || !w.marketDataFresh() || v.invalidOptions().contains(w.id())
                        || (w instanceof AiOption ai && ai.guaranteed())
                        || (n.pin() == null && !dwellLifted && a.since().plus(pool.minDwell()).isAfter(now));
                int keep = all ? a.gpus() : a.gpus() % k + Math.min(a.gpus() - a.gpus() % k,
                        (n.protectedGpus().getOrDefault(a.optionId(), 0) + k - 1) / k * k);
                if (keep > 0) f.merge(a.optionId(), keep, Integer::sum);
            }
            fixed.put(n.name(), f);
        }
    }

    /** May GPUs of this node be given to option {@code id} (beyond those it must keep)? */
    boolean eligible(Node n, String id) {
        WorkOption w = options.get(id);
        if (w == null || !w.marketDataFresh() || v.invalidOptions().contains(id)) return false;
        if (n.pin() != null && !n.pin().equals(id)) return false;
        LedgerEntry le = ledger.get(n.pool(), n.gpuProduct(), id);
        if (le == null || !le.eligible() && n.pin() == null) return false;
        if (w instanceof AiOption a) {
            if (!a.allowedProducts().isEmpty() && !a.allowedProducts().contains(n.gpuProduct())) return false;
            if (n.gpuMemoryMiB() < a.minGpuMemoryMiB()) return false;
        }
        if (w instanceof MiningOption m && !m.allowedOn(n.pool()) && n.pin() == null) return false;
        return true;
    }

    static Map<String, Integer> current(Node n) {
        Map<String, Integer> m = new TreeMap<>();
        n.assignments().forEach(a -> m.merge(a.optionId(), a.gpus(), Integer::sum));
        return m;
    }

    /** Per-node part of the constraints. */
    List<String> nodeViolations(Node n, Map<String, Integer> plan) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> p = new TreeMap<>(plan);
        p.values().removeIf(g -> g == 0);
        if (held.get(n.name())) {
            if (!p.equals(current(n))) out.add(n.name() + ": held node changed");
            return out;
        }
        int total = 0;
        for (var e : p.entrySet()) {
            total += e.getValue();
            WorkOption w = options.get(e.getKey());
            if (e.getValue() < 0) out.add(n.name() + ": negative GPUs");
            if (w != null && e.getValue() % w.gpusPerUnit() != 0 && fixed.get(n.name()).getOrDefault(e.getKey(), 0) != e.getValue())
                out.add(n.name() + ": " + e.getKey() + " not whole replicas");
            int extra = e.getValue() - fixed.get(n.name()).getOrDefault(e.getKey(), 0);
            if (extra > 0 && !eligible(n, e.getKey())) out.add(n.name() + ": " + e.getKey() + " not eligible (requirements, price, pin)");
        }
        if (total > n.gpuCount()) out.add(n.name() + ": " + total + " GPUs > " + n.gpuCount());
        for (var f : fixed.get(n.name()).entrySet())
            if (p.getOrDefault(f.getKey(), 0) < f.getValue()) out.add(n.name() + ": moved fixed GPUs of " + f.getKey()
                    + " (dwell, protected, guaranteed or stale)");
        return out;
    }

    /** GPUs this node's plan takes from running work, as the disruption budget counts them. */
    int disrupted(Node n, Map<String, Integer> plan) {
        if (held.get(n.name())) return 0;
        int d = 0;
        for (var c : current(n).entrySet()) {
            if (!eligible(n, c.getKey()) || overCap(c.getKey())) continue; // no longer allowed / above cap: not counted
            d += Math.max(0, c.getValue() - plan.getOrDefault(c.getKey(), 0));
        }
        return d;
    }

    boolean overCap(String id) {
        WorkOption w = options.get(id);
        if (w == null) return false;
        int running = s.nodes().stream().flatMap(n -> n.assignments().stream()).filter(a -> a.optionId().equals(id))
                .mapToInt(a -> a.gpus() / w.gpusPerUnit()).sum();
        int cap = w instanceof AiOption a ? a.maxReplicas()
                : ((MiningOption) w).maxGpus() == null ? Integer.MAX_VALUE : ((MiningOption) w).maxGpus();
        return running > cap;
    }

    List<String> violations(Map<String, Map<String, Integer>> plan) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> units = new HashMap<>(), fixedUnits = new HashMap<>(), disrupted = new HashMap<>();
        for (Node n : s.nodes()) {
            Map<String, Integer> p = plan.getOrDefault(n.name(), Map.of());
            out.addAll(nodeViolations(n, p));
            p.forEach((id, g) -> units.merge(id, g / (options.containsKey(id) ? options.get(id).gpusPerUnit() : 1), Integer::sum));
            fixed.get(n.name()).forEach((id, g) -> fixedUnits.merge(id, g / (options.containsKey(id) ? options.get(id).gpusPerUnit() : 1), Integer::sum));
            disrupted.merge(n.pool(), disrupted(n, p), Integer::sum);
        }
        for (WorkOption w : options.values()) {
            int cap = w instanceof AiOption a ? a.maxReplicas()
                    : ((MiningOption) w).maxGpus() == null ? Integer.MAX_VALUE : ((MiningOption) w).maxGpus();
            cap = Math.max(cap, fixedUnits.getOrDefault(w.id(), 0));
            if (units.getOrDefault(w.id(), 0) > cap) out.add(w.id() + ": " + units.get(w.id()) + " units > cap " + cap);
        }
        for (NodePool pool : s.pools()) {
            int gpus = s.nodes().stream().filter(n -> n.pool().equals(pool.name())).mapToInt(Node::gpuCount).sum();
            int limit = pool.disruptionBudget().limit(gpus);
            if (disrupted.getOrDefault(pool.name(), 0) > limit)
                out.add(pool.name() + ": disrupted " + disrupted.get(pool.name()) + " > budget " + limit);
        }
        return out;
    }
}
