package io.gpushift.engine.model;

/**
 * Margin a move must beat on top of its switch cost, against flapping. Per moved GPU the margin over the horizon is
 * {@code horizonHours × max(minGainUsdPerGpuHour, minGainPercent/100 × |profit per hour of the use it leaves|)}.
 */
public record Hysteresis(double minGainUsdPerGpuHour, double minGainPercent) {
    public static final Hysteresis NONE = new Hysteresis(0, 0);
}
