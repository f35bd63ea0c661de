package io.gpushift.engine.model;

import java.time.Duration;
import java.util.Map;

/**
 * Policy of a GPUNodePool.
 *
 * @param name             pool name
 * @param tariff           electricity price
 * @param pue              power usage effectiveness (≥ 1): facility watts per IT watt
 * @param idleWatts        idle draw per GPU product; {@link #DEFAULT_IDLE_WATTS} when absent
 * @param horizon          payback horizon: a move must pay for itself within it
 * @param hysteresis       margin on top of switch costs
 * @param minDwell         minimum time a GPU stays on a use before it may move
 * @param disruptionBudget GPUs that may be taken from running work per decision
 * @param mode             AUTO, RECOMMEND or PAUSED (hold everything)
 * @param allowLoss        mining at a loss is allowed on this pool (otherwise only options with their own allowLoss)
 */
public record NodePool(String name, Tariff tariff, double pue, Map<String, Double> idleWatts, Duration horizon,
                       Hysteresis hysteresis, Duration minDwell, DisruptionBudget disruptionBudget, Mode mode,
                       boolean allowLoss) {
    /** Idle draw assumed for a product without a figure (an H100 measured 69 W idle, see economics reference). */
    public static final double DEFAULT_IDLE_WATTS = 70;

    public NodePool {
        idleWatts = idleWatts == null ? Map.of() : Map.copyOf(idleWatts);
        hysteresis = hysteresis == null ? Hysteresis.NONE : hysteresis;
        minDwell = minDwell == null ? Duration.ZERO : minDwell;
        disruptionBudget = disruptionBudget == null ? DisruptionBudget.UNLIMITED : disruptionBudget;
        mode = mode == null ? Mode.AUTO : mode;
        horizon = horizon == null ? Duration.ofHours(24) : horizon;
    }

    /** A pool with a fixed tariff, 24 h horizon, no hysteresis, no dwell, unlimited budget, AUTO. */
    public static NodePool simple(String name, double usdPerKwh, double pue) {
        return new NodePool(name, Tariff.fixed(usdPerKwh), pue, Map.of(), Duration.ofHours(24), Hysteresis.NONE,
                Duration.ZERO, DisruptionBudget.UNLIMITED, Mode.AUTO, false);
    }

    public double idleWattsFor(String product) {
        return idleWatts.getOrDefault(product, DEFAULT_IDLE_WATTS);
    }

    public double horizonHours() {
        return horizon.toSeconds() / 3600.0;
    }
}
