package io.gpushift.engine.model;

import java.util.Map;
import java.util.Set;

/**
 * A MiningPool as the planner sees it.
 *
 * @param id              {@code namespace/name}
 * @param coin            ticker, e.g. ETC
 * @param algorithm       e.g. etchash
 * @param revenue         network formula or hashprice
 * @param poolFee         fraction taken by the pool (0.01 = 1 %)
 * @param devFee          fraction taken by the miner software
 * @param warmUpSeconds   seconds before a newly started miner earns (DAG build): the switch cost into this option
 * @param profiles        per GPU product; a product without a profile cannot mine this option
 * @param maxGpus         most GPUs fleet-wide, or {@code null} for no limit
 * @param allowedPools    GPUNodePools it may use; empty = all
 * @param allowLoss       may mine when revenue does not cover power
 * @param marketDataFresh see {@link WorkOption#marketDataFresh()}
 */
public record MiningOption(String id, String coin, String algorithm, MiningRevenue revenue, double poolFee,
                           double devFee, double warmUpSeconds, Map<String, MiningProfile> profiles, Integer maxGpus,
                           Set<String> allowedPools, boolean allowLoss, boolean marketDataFresh) implements WorkOption {
    public MiningOption {
        profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        allowedPools = allowedPools == null ? Set.of() : Set.copyOf(allowedPools);
    }

    @Override
    public int gpusPerUnit() {
        return 1;
    }

    public boolean allowedOn(String pool) {
        return allowedPools.isEmpty() || allowedPools.contains(pool);
    }
}
