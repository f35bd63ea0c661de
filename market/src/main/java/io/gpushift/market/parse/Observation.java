package io.gpushift.market.parse;

import java.time.Instant;

/**
 * One valid parsed value: finite, {@code >= 0}, at most {@link Numbers#MAX}.
 *
 * @param observedAt when the source says the value was current (payload timestamp, never after the fetch), else the
 *                   fetch time
 * @param url        document it came from (no query), for the MarketValue source
 * @param path       JSON path in that document
 */
public record Observation(double value, Instant observedAt, String url, String path) {
    public Observation {
        if (!(value >= 0 && value <= Numbers.MAX)) throw new IllegalArgumentException("invalid value " + value);
    }
}
