package io.gpushift.engine.validation;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.MarketValue;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningProfile;
import io.gpushift.engine.model.MiningRevenue;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.model.Tariff;
import io.gpushift.engine.validation.Finding.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a snapshot so the planner never plans from a bad figure. Prices must be finite and positive (a zero coin or
 * GPU-hour price is a broken feed, not a market); electricity must be finite and not negative (free power is real).
 */
public final class Validator {
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> invalidOptions = new TreeSet<>();
    private final Set<String> invalidPools = new TreeSet<>();
    private final Set<String> ineligible = new TreeSet<>();

    private Validator() {
    }

    public static Validation validate(Snapshot s) {
        Validator v = new Validator();
        v.run(s);
        return new Validation(List.copyOf(v.findings), Set.copyOf(v.invalidOptions), Set.copyOf(v.invalidPools),
                Set.copyOf(v.ineligible), s.nodes().isEmpty());
    }

    private void run(Snapshot s) {
        if (s.nodes().isEmpty()) error("Snapshot", "nodes", "is empty: no GPU node to plan for");
        Set<String> products = new TreeSet<>(s.knownProducts());
        Set<String> poolNames = new HashSet<>();
        for (NodePool p : s.pools().stream().sorted(Comparator.comparing(NodePool::name)).toList()) {
            poolNames.add(p.name());
            pool(p);
        }
        Set<String> ids = new HashSet<>();
        // nodes in name order only when one has a finding (sorting every decision's nodes costs more than the checks)
        List<Node> bad = new ArrayList<>();
        Set<String> nodeProducts = new HashSet<>();
        for (Node n : s.nodes()) {
            nodeProducts.add(n.gpuProduct());
            if (n.gpuCount() <= 0 || !poolNames.contains(n.pool()) || n.assignedGpus() > n.gpuCount()) bad.add(n);
        }
        products.addAll(nodeProducts);
        bad.sort(Comparator.comparing(Node::name));
        for (Node n : bad) {
            String obj = "Node " + n.name();
            if (n.gpuCount() <= 0) error(obj, "gpuCount", "must be positive, is " + n.gpuCount());
            if (!poolNames.contains(n.pool())) {
                error(obj, "pool", "names unknown GPUNodePool " + n.pool());
                invalidPools.add(n.pool());
            }
            if (n.assignedGpus() > n.gpuCount())
                error(obj, "assignments", "assign " + n.assignedGpus() + " GPUs but the node has " + n.gpuCount());
        }
        for (MiningOption m : s.mining().stream().sorted(Comparator.comparing(MiningOption::id)).toList()) {
            if (!ids.add(m.id())) duplicate("MiningPool " + m.id(), m.id());
            mining(m, products);
        }
        for (AiOption a : s.ai().stream().sorted(Comparator.comparing(AiOption::id)).toList()) {
            if (!ids.add(a.id())) duplicate("AIWorkload " + a.id(), a.id());
            ai(a, products);
        }
    }

    private void pool(NodePool p) {
        String obj = "GPUNodePool " + p.name();
        Tariff t = p.tariff();
        if (t == null || t.baseUsdPerKwh() == null) poolError(p, "spec.electricity.usdPerKwh", "is missing");
        else {
            nonNegative(obj, "spec.electricity.usdPerKwh", t.baseUsdPerKwh().value(), true, p.name());
            for (int i = 0; i < t.windows().size(); i++)
                nonNegative(obj, "spec.electricity.timeOfUse[" + i + "].usdPerKwh", t.windows().get(i).usdPerKwh(), true, p.name());
        }
        if (!(p.pue() >= 1) || Double.isInfinite(p.pue())) poolError(p, "spec.electricity.pue", "must be ≥ 1, is " + p.pue());
        if (p.horizon().isNegative() || p.horizon().isZero()) poolError(p, "spec.policy.horizon", "must be positive");
        p.idleWatts().forEach((prod, w) -> nonNegative(obj, "spec.idleWatts[" + prod + "]", w, true, p.name()));
        if (!(p.hysteresis().minGainUsdPerGpuHour() >= 0) || !(p.hysteresis().minGainPercent() >= 0))
            poolError(p, "spec.policy.hysteresis", "must not be negative or NaN");
    }

    private void nonNegative(String obj, String field, double v, boolean isPool, String poolName) {
        if (Double.isNaN(v)) poolError(poolName, obj, field, "is NaN");
        else if (Double.isInfinite(v)) poolError(poolName, obj, field, "is infinite");
        else if (v < 0) poolError(poolName, obj, field, "is negative (" + v + ")");
    }

    private void poolError(NodePool p, String field, String problem) {
        poolError(p.name(), "GPUNodePool " + p.name(), field, problem);
    }

    private void poolError(String pool, String obj, String field, String problem) {
        error(obj, field, problem);
        invalidPools.add(pool);
    }

    private void mining(MiningOption m, Set<String> products) {
        String obj = "MiningPool " + m.id();
        switch (m.revenue()) {
            case MiningRevenue.Network n -> {
                price(m.id(), obj, "spec.revenue.network.blockReward", n.blockReward());
                positive(m.id(), obj, "spec.revenue.network.blockTimeSeconds", n.blockTimeSeconds());
                price(m.id(), obj, "spec.revenue.network.networkHashrate", n.networkHashrate());
                price(m.id(), obj, "spec.revenue.network.coinPriceUsd", n.coinPriceUsd());
            }
            case MiningRevenue.Hashprice h -> {
                price(m.id(), obj, "spec.revenue.hashprice.usdPerHashPerDay", h.usdPerHashPerDay());
                if (h.coinPriceUsd() != null) price(m.id(), obj, "spec.revenue.hashprice.coinPriceUsd", h.coinPriceUsd());
            }
            case null -> optionError(m.id(), obj, "spec.revenue", "is missing");
        }
        fraction(m.id(), obj, "spec.poolFee", m.poolFee());
        fraction(m.id(), obj, "spec.devFee", m.devFee());
        if (!(m.warmUpSeconds() >= 0) || Double.isInfinite(m.warmUpSeconds()))
            optionError(m.id(), obj, "spec.warmUpSeconds", "must be a finite number ≥ 0, is " + m.warmUpSeconds());
        if (m.maxGpus() != null && m.maxGpus() < 0) optionError(m.id(), obj, "spec.maxGpus", "is negative");
        if (m.profiles().isEmpty()) optionError(m.id(), obj, "spec.profiles", "is empty");
        for (String product : products) {
            MiningProfile p = m.profiles().get(product);
            String f = "spec.profiles[" + product + "]";
            if (p == null) {
                warn(obj, f, "is missing: " + product + " GPUs cannot mine " + m.id() + " (ProfilesComplete=false)");
                ineligible.add(m.id() + "|" + product);
            } else if (!(p.hashrate() > 0) || Double.isInfinite(p.hashrate()) || !(p.watts() >= 0) || Double.isInfinite(p.watts())) {
                warn(obj, f, "has hashrate " + p.hashrate() + " H/s and " + p.watts()
                        + " W: hashrate must be > 0 and watts ≥ 0; " + product + " is skipped");
                ineligible.add(m.id() + "|" + product);
            }
        }
    }

    private void ai(AiOption a, Set<String> products) {
        String obj = "AIWorkload " + a.id();
        if (a.gpusPerReplica() <= 0) optionError(a.id(), obj, "spec.gpusPerReplica", "must be positive, is " + a.gpusPerReplica());
        if (a.minReplicas() < 0) optionError(a.id(), obj, "spec.minReplicas", "is negative");
        if (a.maxReplicas() < a.minReplicas())
            optionError(a.id(), obj, "spec.maxReplicas", "(" + a.maxReplicas() + ") is below spec.minReplicas (" + a.minReplicas() + ")");
        if (!(a.utilisation() > 0 && a.utilisation() <= 1))
            optionError(a.id(), obj, "spec.utilisation", "must be in (0, 1], is " + a.utilisation());
        int i = 0;
        for (String p : new TreeSet<>(a.allowedProducts())) {
            if (!products.contains(p))
                optionError(a.id(), obj, "spec.requirements.allowedProducts[" + i + "]", "names unknown GPU product " + p);
            i++;
        }
        if (a.revenuePerGpuHour().isEmpty()) optionError(a.id(), obj, "spec.revenue.perGpuHour", "is empty");
        new TreeSet<>(a.revenuePerGpuHour().keySet()).forEach(p ->
                price(a.id(), obj, "spec.revenue.perGpuHour[" + p + "]", a.revenuePerGpuHour().get(p)));
        if (a.tokenPriceUsd() != null) price(a.id(), obj, "spec.revenue.tokenPriceUsd", a.tokenPriceUsd());
        new TreeSet<>(a.watts().keySet()).forEach(p -> {
            double w = a.watts().get(p);
            if (!(w >= 0) || Double.isInfinite(w)) optionError(a.id(), obj, "spec.watts[" + p + "]", "must be ≥ 0, is " + w);
        });
        for (String s : new String[]{"checkpointGraceSeconds", "expectedLostWorkSeconds", "startupSeconds"}) {
            double v = s.equals("startupSeconds") ? a.startupSeconds()
                    : s.equals("checkpointGraceSeconds") ? a.checkpointGraceSeconds() : a.expectedLostWorkSeconds();
            if (!(v >= 0) || Double.isInfinite(v)) optionError(a.id(), obj, "spec." + s, "must be a finite number ≥ 0, is " + v);
        }
        for (String p : products) {
            if (!a.allowedProducts().isEmpty() && !a.allowedProducts().contains(p)) continue;
            if (!a.revenuePerGpuHour().containsKey(p) || !a.watts().containsKey(p)) ineligible.add(a.id() + "|" + p);
        }
    }

    private void price(String id, String obj, String field, MarketValue v) {
        if (v == null) optionError(id, obj, field, "is missing");
        else positive(id, obj, field, v.value());
    }

    private void positive(String id, String obj, String field, double v) {
        if (Double.isNaN(v)) optionError(id, obj, field, "is NaN");
        else if (Double.isInfinite(v)) optionError(id, obj, field, "is infinite");
        else if (v == 0) optionError(id, obj, field, "is zero");
        else if (v < 0) optionError(id, obj, field, "is negative (" + v + ")");
    }

    private void fraction(String id, String obj, String field, double v) {
        if (!(v >= 0 && v < 1)) optionError(id, obj, field, "must be a fraction in [0, 1), is " + v);
    }

    private void duplicate(String obj, String id) {
        optionError(id, obj, "metadata.name", "is used by more than one option");
    }

    private void optionError(String id, String obj, String field, String problem) {
        error(obj, field, problem);
        invalidOptions.add(id);
    }

    private void error(String obj, String field, String problem) {
        findings.add(new Finding(Severity.ERROR, obj, field, problem));
    }

    private void warn(String obj, String field, String problem) {
        findings.add(new Finding(Severity.WARNING, obj, field, problem));
    }
}
