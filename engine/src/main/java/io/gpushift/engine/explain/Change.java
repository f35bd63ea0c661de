package io.gpushift.engine.explain;

/**
 * One move in the plan, with its numbers.
 *
 * @param node                    node name
 * @param from                    option the GPUs leave ({@code idle} when they were idle)
 * @param to                      option they go to ({@code idle} to stop)
 * @param gpus                    GPUs moved
 * @param gainUsdPerHour          profit per hour after minus before, for these GPUs
 * @param switchCostUsd           one-off cost (warm-up / model load of the new use, lost work and checkpoint time)
 * @param paybackHours            switch cost / gain (NaN when the move is forced, e.g. a pin or a guarantee)
 * @param runnerUp                next best option for these GPUs, or {@code null}
 * @param runnerUpProfitUsdPerGpuHour its profit per GPU-hour
 * @param flipRevenueUsdPerGpuHour    runner-up revenue per GPU-hour above which it would beat the chosen use
 * @param reason                  {@code profit}, {@code guarantee}, {@code pin} or {@code loss} (mining stopped at a loss)
 * @param message                 the same for humans
 */
public record Change(String node, String from, String to, int gpus, double gainUsdPerHour, double switchCostUsd,
                     double paybackHours, String runnerUp, double runnerUpProfitUsdPerGpuHour,
                     double flipRevenueUsdPerGpuHour, String reason, String message) {
}
