package io.gpushift.engine.economics;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.economics.LedgerEntry.Kind;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningProfile;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.validation.Validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * The one ledger: USD per GPU-hour for every option on every (pool, GPU product) present in the fleet, idle included.
 * Options or pools that failed validation get no line (nothing is priced from a bad figure).
 */
public final class Ledger {
    private final List<LedgerEntry> entries;
    /**
     * pool → product → option → line. Nested rather than one map under a joined key: the planner looks up every
     * option of every node class (~200,000 lookups at 10,000 nodes), and joining the key allocated and hashed a new
     * string each time (~3 % of a decision's CPU); the names' own hashes are cached.
     */
    private final Map<String, Map<String, Map<String, LedgerEntry>>> byKey = new HashMap<>();

    private Ledger(List<LedgerEntry> entries) {
        this.entries = List.copyOf(entries);
        for (LedgerEntry e : entries)
            byKey.computeIfAbsent(e.pool(), k -> new HashMap<>()).computeIfAbsent(e.gpuProduct(), k -> new HashMap<>())
                    .put(e.option(), e);
    }

    /** Ledger at the instantaneous tariff of {@code at}. */
    public static Ledger at(Snapshot s, Validation v, Instant at) {
        return build(s, v, p -> p.tariff().usdPerKwhAt(at));
    }

    /** Ledger at each pool's mean tariff over its horizon from {@code from}: what the planner optimises. */
    public static Ledger overHorizon(Snapshot s, Validation v, Instant from) {
        return build(s, v, p -> p.tariff().meanUsdPerKwh(from, p.horizon()));
    }

    private static Ledger build(Snapshot s, Validation v, ToDoubleFunction<NodePool> usdPerKwh) {
        Map<String, TreeSet<String>> productsByPool = new TreeMap<>();
        for (Node n : s.nodes()) productsByPool.computeIfAbsent(n.pool(), k -> new TreeSet<>()).add(n.gpuProduct());
        List<LedgerEntry> out = new ArrayList<>();
        List<NodePool> pools = s.pools().stream().sorted(Comparator.comparing(NodePool::name)).toList();
        List<MiningOption> mining = s.mining().stream().sorted(Comparator.comparing(MiningOption::id)).toList();
        List<AiOption> ai = s.ai().stream().sorted(Comparator.comparing(AiOption::id)).toList();
        for (NodePool pool : pools) { // sorted: the ledger does not depend on input order
            if (v.invalidPools().contains(pool.name()) || !productsByPool.containsKey(pool.name())) continue;
            double price = usdPerKwh.applyAsDouble(pool);
            for (String product : productsByPool.get(pool.name())) {
                double idlePower = Economics.powerUsdPerGpuHour(pool.idleWattsFor(product), price, pool.pue());
                out.add(new LedgerEntry(pool.name(), product, LedgerEntry.IDLE, Kind.IDLE, Double.NaN, 0, idlePower,
                        -idlePower, 0, 0, true, "idle " + pool.idleWattsFor(product) + " W"));
                for (MiningOption m : mining) {
                    if (v.invalidOptions().contains(m.id()) || !v.eligible(m.id(), product)) continue;
                    out.add(mining(m, pool, product, price));
                }
                for (AiOption a : ai) {
                    if (v.invalidOptions().contains(a.id()) || !v.eligible(a.id(), product)) continue;
                    if (!a.allowedProducts().isEmpty() && !a.allowedProducts().contains(product)) continue;
                    out.add(ai(a, pool, product, price));
                }
            }
        }
        return new Ledger(out);
    }

    private static LedgerEntry mining(MiningOption m, NodePool pool, String product, double price) {
        MiningProfile p = m.profiles().get(product);
        double revenue = Economics.miningRevenueUsdPerGpuHour(m, p);
        double power = Economics.powerUsdPerGpuHour(p.watts(), price, pool.pue());
        double profit = revenue - power;
        boolean lossAllowed = m.allowLoss() || pool.allowLoss();
        boolean eligible = m.allowedOn(pool.name()) && (profit >= 0 || lossAllowed);
        String note = !m.allowedOn(pool.name()) ? "pool " + pool.name() + " not allowed"
                : profit < 0 && !lossAllowed ? "mines at a loss (allowLoss=false)" : "";
        return new LedgerEntry(pool.name(), product, m.id(), Kind.MINING, Economics.coinsPerDay(m, p), revenue, power,
                profit, Economics.warmUpCostUsd(revenue, m.warmUpSeconds()), 0, eligible, note);
    }

    private static LedgerEntry ai(AiOption a, NodePool pool, String product, double price) {
        double revenue = Economics.aiRevenueUsdPerGpuHour(a, product);
        double power = Economics.powerUsdPerGpuHour(a.watts().get(product), price, pool.pue());
        return new LedgerEntry(pool.name(), product, a.id(), Kind.AI, Double.NaN, revenue, power, revenue - power,
                Economics.warmUpCostUsd(revenue, a.startupSeconds()), Economics.preemptionCostUsd(a, revenue), true, "");
    }

    public List<LedgerEntry> entries() {
        return entries;
    }

    /** The line for an option ({@code idle} for idle) on a product in a pool, or {@code null}. */
    public LedgerEntry get(String pool, String product, String option) {
        return byKey.getOrDefault(pool, Map.of()).getOrDefault(product, Map.of()).get(option);
    }
}
