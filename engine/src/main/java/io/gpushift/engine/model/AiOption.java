package io.gpushift.engine.model;

import java.util.Map;
import java.util.Set;

/**
 * An AIWorkload as the planner sees it.
 *
 * @param id                       {@code namespace/name}
 * @param gpusPerReplica           GPUs of one replica, all on one node
 * @param minReplicas              GUARANTEED: placed before any profit is sought (or reported unmet);
 *                                 PREEMPTIBLE: informational only (reported when not reached)
 * @param maxReplicas              most replicas
 * @param allowedProducts          GPU products it may run on; empty = any
 * @param minGpuMemoryMiB          minimum memory per GPU
 * @param revenuePerGpuHour        per product: USD, or token amount when {@code tokenPriceUsd} is set
 * @param tokenPriceUsd            USD per token, or {@code null} when revenue is quoted in USD
 * @param watts                    AI power draw per GPU per product; a product without a figure is not eligible
 * @param commitment               GUARANTEED or PREEMPTIBLE
 * @param checkpointGraceSeconds   time a preempted replica gets to checkpoint (GPU earns nothing meanwhile)
 * @param expectedLostWorkSeconds  work redone after preemption (since the last checkpoint)
 * @param startupSeconds           model load before it earns: the switch cost into this option
 * @param priority                 orders GUARANTEED minimums when capacity is short (0..1000, higher first)
 * @param utilisation              fraction of the hour it is paid for (default 1)
 * @param marketDataFresh          see {@link WorkOption#marketDataFresh()}
 */
public record AiOption(String id, int gpusPerReplica, int minReplicas, int maxReplicas, Set<String> allowedProducts,
                       int minGpuMemoryMiB, Map<String, MarketValue> revenuePerGpuHour, MarketValue tokenPriceUsd,
                       Map<String, Double> watts, Commitment commitment, double checkpointGraceSeconds,
                       double expectedLostWorkSeconds, double startupSeconds, int priority, double utilisation,
                       boolean marketDataFresh) implements WorkOption {
    public AiOption {
        allowedProducts = allowedProducts == null ? Set.of() : Set.copyOf(allowedProducts);
        revenuePerGpuHour = revenuePerGpuHour == null ? Map.of() : Map.copyOf(revenuePerGpuHour);
        watts = watts == null ? Map.of() : Map.copyOf(watts);
        commitment = commitment == null ? Commitment.PREEMPTIBLE : commitment;
    }

    @Override
    public int gpusPerUnit() {
        return gpusPerReplica;
    }

    public boolean guaranteed() {
        return commitment == Commitment.GUARANTEED;
    }
}
