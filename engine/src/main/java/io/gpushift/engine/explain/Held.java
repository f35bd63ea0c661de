package io.gpushift.engine.explain;

/**
 * A tempting move that was not made: the GPUs would earn more elsewhere but something held them.
 *
 * @param node           node name
 * @param from           their current use
 * @param tempting       the more profitable use
 * @param gpus           GPUs concerned
 * @param gainUsdPerHour profit per hour the move would add
 * @param reason         {@code hysteresis}, {@code payback}, {@code dwell}, {@code budget}, {@code cap}, {@code protected},
 *                       {@code paused}, {@code stale}, {@code excluded}, {@code fit}
 * @param message        e.g. {@code held: gain 3 % below hysteresis}
 */
public record Held(String node, String from, String tempting, int gpus, double gainUsdPerHour, String reason,
                   String message) {
}
