package io.gpushift.engine.model;

/**
 * Most GPUs of a pool that one decision may take away from running work (mining or AI). Starting work on idle GPUs
 * disrupts nothing and is not counted. When both limits are set the smaller wins.
 *
 * @param maxGpus    absolute limit, or {@code null}
 * @param maxPercent percent of the pool's GPUs, or {@code null}
 */
public record DisruptionBudget(Integer maxGpus, Double maxPercent) {
    public static final DisruptionBudget UNLIMITED = new DisruptionBudget(null, null);

    public static DisruptionBudget gpus(int max) {
        return new DisruptionBudget(max, null);
    }

    public static DisruptionBudget percent(double pct) {
        return new DisruptionBudget(null, pct);
    }

    /** The limit in GPUs for a pool of {@code poolGpus} GPUs; {@link Integer#MAX_VALUE} when unlimited. */
    public int limit(int poolGpus) {
        long lim = Integer.MAX_VALUE;
        if (maxGpus != null) lim = Math.min(lim, maxGpus);
        if (maxPercent != null) lim = Math.min(lim, (long) Math.floor(poolGpus * maxPercent / 100.0));
        return (int) Math.max(0, lim);
    }
}
