package io.gpushift.engine.planner;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.Commitment;
import io.gpushift.engine.model.DisruptionBudget;
import io.gpushift.engine.model.Hysteresis;
import io.gpushift.engine.model.MarketValue;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningProfile;
import io.gpushift.engine.model.MiningRevenue;
import io.gpushift.engine.model.Mode;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.model.Tariff;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** Random but plausible snapshots from a seed: small ones for brute force, large ones for bounds and benchmarks. */
public final class RandomFleet {
    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final SplittableRandom r;
    private final String[] products;
    private final int[] memory;

    public RandomFleet(long seed, int productCount) {
        r = new SplittableRandom(seed);
        products = new String[productCount];
        memory = new int[productCount];
        for (int i = 0; i < productCount; i++) {
            products[i] = "GPU-" + (char) ('A' + i);
            memory[i] = 16384 * (1 + r.nextInt(5));
        }
    }

    /** A tiny instance: brute force stays cheap. */
    public static Snapshot small(long seed) {
        RandomFleet f = new RandomFleet(seed, 2);
        int nodes = 1 + f.r.nextInt(3);
        int maxGpus = nodes == 3 ? 3 : 4;
        int options = 1 + f.r.nextInt(3);
        return f.build(1 + f.r.nextInt(2), nodes, maxGpus, options, true);
    }

    /** A large instance, e.g. 10,000 nodes of 8 GPUs with 200 options. */
    public static Snapshot large(long seed, int nodes, int products, int options) {
        return new RandomFleet(seed, products).build(4, nodes, 8, options, false);
    }

    private Snapshot build(int poolCount, int nodeCount, int maxGpus, int optionCount, boolean small) {
        List<NodePool> pools = new ArrayList<>();
        for (int i = 0; i < poolCount; i++) pools.add(pool("pool-" + i, small));
        List<MiningOption> mining = new ArrayList<>();
        List<AiOption> ai = new ArrayList<>();
        int miningCount = small ? r.nextInt(optionCount + 1) : optionCount / 4;
        for (int i = 0; i < optionCount; i++) {
            if (i < miningCount) mining.add(mining("mine/m" + i, pools, small));
            else ai.add(ai("ml/a" + i, small));
        }
        List<String> ids = new ArrayList<>();
        mining.forEach(m -> ids.add(m.id()));
        ai.forEach(a -> ids.add(a.id()));
        Map<String, Integer> k = new HashMap<>();
        mining.forEach(m -> k.put(m.id(), 1));
        ai.forEach(a -> k.put(a.id(), a.gpusPerReplica()));
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            int p = r.nextInt(products.length);
            int gpus = small ? 1 + r.nextInt(maxGpus) : 8; // large: 10,000 nodes = 80,000 GPUs
            String pool = pools.get(r.nextInt(pools.size())).name();
            List<Assignment> as = new ArrayList<>();
            int left = gpus;
            Map<String, Integer> prot = new HashMap<>();
            // large fleets: a few steady patterns per node so classes stay realistic
            int uses = small ? r.nextInt(3) : r.nextInt(2);
            for (int u = 0; u < uses && left > 0 && !ids.isEmpty(); u++) {
                String id = ids.get(small ? r.nextInt(ids.size()) : (int) (Math.abs(r.nextGaussian()) * 10) % ids.size());
                if (as.stream().anyMatch(x -> x.optionId().equals(id))) continue;
                int kk = k.get(id);
                int reps = left / kk;
                if (reps == 0) continue;
                int g = kk * (small ? 1 + r.nextInt(reps) : reps);
                Instant since = NOW.minus(Duration.ofMinutes(small ? r.nextInt(120) : 600));
                as.add(new Assignment(id, g, since));
                left -= g;
                if (small && r.nextInt(8) == 0) prot.put(id, 1 + r.nextInt(g));
            }
            String pin = small && r.nextInt(15) == 0 ? (r.nextBoolean() ? Node.PIN_IDLE : ids.isEmpty() ? null : ids.get(r.nextInt(ids.size()))) : null;
            boolean excluded = small && r.nextInt(20) == 0;
            boolean schedulable = !small || r.nextInt(20) != 0;
            nodes.add(new Node(String.format("node-%05d", i), pool, products[p], memory[p], gpus, schedulable, as, pin,
                    excluded, prot));
        }
        return new Snapshot(NOW, nodes, pools, mining, ai);
    }

    private NodePool pool(String name, boolean small) {
        Hysteresis h = switch (r.nextInt(3)) {
            case 0 -> Hysteresis.NONE;
            case 1 -> new Hysteresis(0.005 * r.nextInt(4), 0);
            default -> new Hysteresis(0, 5 * r.nextInt(4));
        };
        DisruptionBudget b = small && r.nextBoolean() ? DisruptionBudget.gpus(r.nextInt(4))
                : r.nextBoolean() ? DisruptionBudget.percent(5 + r.nextInt(20)) : DisruptionBudget.UNLIMITED;
        Mode mode = small && r.nextInt(12) == 0 ? Mode.PAUSED : Mode.AUTO;
        return new NodePool(name, Tariff.fixed(0.02 + r.nextDouble() * 0.25), 1 + r.nextDouble() * 0.5,
                Map.of(products[0], 40.0 + r.nextInt(40)), Duration.ofHours(1 + r.nextInt(48)), h,
                Duration.ofMinutes(small ? 30 * r.nextInt(3) : 0), b, mode, r.nextInt(6) == 0);
    }

    private MiningOption mining(String id, List<NodePool> pools, boolean small) {
        Map<String, MiningProfile> profiles = new HashMap<>();
        for (String p : products) if (r.nextInt(8) != 0) profiles.put(p, new MiningProfile(3e7 + r.nextDouble() * 1e8, 100 + r.nextInt(250)));
        if (profiles.isEmpty()) profiles.put(products[0], new MiningProfile(1e8, 200));
        // tuned so a GPU earns around 0.0–0.15 $/h: close to its power cost, so losses happen
        double netHash = 1e14 * (0.3 + r.nextDouble());
        MiningRevenue rev = new MiningRevenue.Network(MarketValue.of(2.048), 13, MarketValue.of(netHash),
                new MarketValue(10 + r.nextDouble() * 30, "test", NOW.minusSeconds(60)));
        Set<String> allowed = new HashSet<>();
        if (r.nextInt(4) == 0) allowed.add(pools.get(r.nextInt(pools.size())).name());
        Integer max = r.nextBoolean() ? null : small ? r.nextInt(7) : 200 + r.nextInt(3000);
        return new MiningOption(id, "ETC", "etchash", rev, 0.01, r.nextInt(3) * 0.01, r.nextInt(120), profiles, max,
                allowed, r.nextInt(5) == 0, !small || r.nextInt(12) != 0);
    }

    private AiOption ai(String id, boolean small) {
        int k = small ? 1 + r.nextInt(2) : new int[]{1, 1, 2, 4, 8}[r.nextInt(5)];
        Set<String> allowed = new HashSet<>();
        if (r.nextBoolean()) for (String p : products) if (r.nextBoolean()) allowed.add(p);
        Map<String, MarketValue> rev = new HashMap<>();
        Map<String, Double> watts = new HashMap<>();
        for (String p : products) {
            rev.put(p, new MarketValue(0.1 + r.nextDouble() * 3, "test", NOW.minusSeconds(30)));
            watts.put(p, 250.0 + r.nextInt(450));
        }
        boolean guaranteed = r.nextInt(small ? 3 : 5) == 0;
        int max = small ? 1 + r.nextInt(4) : 5 + r.nextInt(small ? 4 : 120);
        int min = guaranteed ? r.nextInt(Math.min(max, small ? 2 : 10) + 1) : 0;
        return new AiOption(id, k, min, max, allowed, r.nextInt(4) == 0 ? 40000 : 0, rev, null, watts,
                guaranteed ? Commitment.GUARANTEED : Commitment.PREEMPTIBLE, r.nextInt(120), r.nextInt(3600),
                r.nextInt(300), r.nextInt(100), 0.5 + r.nextDouble() * 0.5, !small || r.nextInt(12) != 0);
    }
}
