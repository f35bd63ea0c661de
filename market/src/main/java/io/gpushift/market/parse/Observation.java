package io.gpushift.market.parse;

import java.time.Instant;

/**
 * One valid parsed value: finite, {@code >= 0}, at most {@link Numbers#MAX}.
 *
 * @param observedAt when the source says the value was current (payload timestamp, never after the fetch), else the
 *                   fetch time
 * @param path       JSON path it came from, for the MarketValue source
 */
public record Observation(double value, Instant observedAt, String path) {
    public Observation {
        if (!(value >= 0 && value <= Numbers.MAX)) throw new IllegalArgumentException("invalid value " + value);
    }
}
