package io.gpushift.api.translate;

import io.gpushift.api.v1alpha1.AIProfile;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.AIWorkloadSpec;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.api.v1alpha1.MiningPoolSpec;
import io.gpushift.api.v1alpha1.MiningProfile;
import io.gpushift.api.v1alpha1.NetworkRevenue;
import io.gpushift.api.v1alpha1.Quantities;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Commitment;
import io.gpushift.engine.model.MarketValue;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningRevenue;
import io.gpushift.engine.model.NodePool;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Translates the custom resources into engine inputs: the one place where API field names meet engine terms. The
 * operator, the quote calculator and the backtest all go through it, so they price the same YAML the same way.
 */
public final class EngineInputs {
    private final FeedLookup feeds;

    public EngineInputs(FeedLookup feeds) {
        this.feeds = feeds;
    }

    /** {@code namespace/name}: the engine's id of a namespaced resource. */
    public static String id(io.fabric8.kubernetes.api.model.HasMetadata r) {
        return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
    }

    public NodePool pool(GPUNodePool pool) {
        return poolWithInputs(pool).option();
    }

    /** The pool with its feed-backed electricity price, if any, and whether that price is fresh. */
    public Translated<NodePool> poolWithInputs(GPUNodePool pool) {
        Values v = new Values(feeds);
        NodePool p = PoolTranslation.toEngine(pool, v);
        return new Translated<>(p, v.staleReasons(), v.inputs());
    }

    public Translated<MiningOption> mining(MiningPool pool) {
        MiningPoolSpec s = pool.getSpec();
        Values v = new Values(feeds);
        Map<String, io.gpushift.engine.model.MiningProfile> profiles = new TreeMap<>();
        List<MiningProfile> mps = nullToEmpty(s.profiles);
        for (int i = 0; i < mps.size(); i++) {
            MiningProfile p = mps.get(i);
            profiles.put(p.gpuProduct, new io.gpushift.engine.model.MiningProfile(Quantities.toDouble(p.hashrate),
                    v.watts(p.watts, p.measuredWatts, "spec.profiles[" + i + "].measuredWatts")));
        }
        MiningRevenue revenue = s.revenue.network != null ? network(s.revenue.network, v)
                : new MiningRevenue.Hashprice(perHash(v.of(s.revenue.hashprice.usdPerDay, "spec.revenue.hashprice.usdPerDay"),
                        s.revenue.hashprice.unit), null);
        MiningOption option = new MiningOption(id(pool), s.coin, s.algorithm, revenue, percent(s.poolFeePercent),
                percent(s.devFeePercent), s.warmUpSeconds == null ? 30 : s.warmUpSeconds, profiles, s.maxGpus,
                Set.copyOf(nullToEmpty(s.nodePools)), Boolean.TRUE.equals(s.allowLoss), v.fresh());
        return new Translated<>(option, v.staleReasons(), v.inputs());
    }

    public Translated<AiOption> ai(AIWorkload workload) {
        AIWorkloadSpec s = workload.getSpec();
        Values v = new Values(feeds);
        Map<String, MarketValue> revenue = new TreeMap<>();
        Map<String, Double> watts = new TreeMap<>();
        List<AIProfile> profiles = nullToEmpty(s.profiles);
        for (int i = 0; i < profiles.size(); i++) {
            AIProfile p = profiles.get(i);
            String at = "spec.profiles[" + i + "]";
            MarketValue price = v.of(p.revenuePerGpuHour, at + ".revenuePerGpuHour");
            if (p.tokenPriceUsd != null) {
                // Token prices are per profile in the API; the engine converts each revenue with its own token price.
                MarketValue usd = v.of(p.tokenPriceUsd, at + ".tokenPriceUsd");
                price = new MarketValue(price.value() * usd.value(),
                        price.source() + " × " + p.currency + " at " + usd.value() + " USD (" + usd.source() + ")",
                        oldest(price, usd));
            }
            revenue.put(p.gpuProduct, price);
            watts.put(p.gpuProduct, v.watts(p.watts, p.measuredWatts, at + ".measuredWatts"));
        }
        var req = s.requirements;
        Set<String> products = req == null || req.gpuProducts == null ? Set.of() : Set.copyOf(req.gpuProducts);
        int minMemory = req == null || req.minGpuMemoryMiB == null ? 0 : req.minGpuMemoryMiB;
        AiOption option = new AiOption(id(workload), orDefault(s.gpusPerReplica, 1), orDefault(s.minReplicas, 0),
                orDefault(s.maxReplicas, 1), products, minMemory, revenue, null, watts,
                s.commitment == AIWorkloadSpec.Commitment.Guaranteed ? Commitment.GUARANTEED : Commitment.PREEMPTIBLE,
                orDefault(s.checkpointGraceSeconds, 30), orDefault(s.expectedLostWorkSeconds, 0),
                orDefault(s.startupSeconds, 60), orDefault(s.priority, 0),
                s.utilization == null ? 1.0 : s.utilization, v.fresh());
        return new Translated<>(option, v.staleReasons(), v.inputs());
    }

    private static MiningRevenue network(NetworkRevenue n, Values v) {
        MarketValue blockTime = v.of(n.blockTimeSeconds, "spec.revenue.network.blockTimeSeconds");
        MarketValue hashrate = n.networkHashrate != null
                ? v.of(n.networkHashrate, "spec.revenue.network.networkHashrate")
                : scaled(v.of(n.difficulty, "spec.revenue.network.difficulty"),
                        (n.hashesPerDifficulty == null ? 1.0 : n.hashesPerDifficulty) / blockTime.value(),
                        " × hashesPerDifficulty / blockTime");
        return new MiningRevenue.Network(v.of(n.blockReward, "spec.revenue.network.blockReward"), blockTime.value(),
                hashrate, v.of(n.coinPriceUsd, "spec.revenue.network.coinPriceUsd"));
    }

    /** A hashprice quoted per {@code unit} (e.g. 1P = per PH/s) as USD per H/s per day. */
    private static MarketValue perHash(MarketValue usdPerUnitPerDay, String unit) {
        return scaled(usdPerUnitPerDay, 1.0 / Quantities.toDouble(unit == null ? "1P" : unit), " per " + unit);
    }

    private static MarketValue scaled(MarketValue m, double factor, String how) {
        return new MarketValue(m.value() * factor, m.source() + how, m.observedAt());
    }

    private static java.time.Instant oldest(MarketValue a, MarketValue b) {
        if (a.observedAt() == null) return b.observedAt();
        if (b.observedAt() == null) return a.observedAt();
        return a.observedAt().isBefore(b.observedAt()) ? a.observedAt() : b.observedAt();
    }

    private static double percent(Double p) {
        return p == null ? 0 : p / 100.0;
    }

    private static int orDefault(Integer i, int d) {
        return i == null ? d : i;
    }

    static <T> List<T> nullToEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    /**
     * An engine option and, when any of its market inputs was not fresh, why (one line per field) — the material of
     * the resource's {@code MarketDataFresh} condition — and every feed-backed value it used.
     */
    public record Translated<T>(T option, List<String> staleReasons, List<FeedInput> inputs) {
    }
}
