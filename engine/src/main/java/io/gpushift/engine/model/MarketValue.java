package io.gpushift.engine.model;

import java.time.Duration;
import java.time.Instant;

/**
 * One market figure with its provenance, so every explanation can cite "value, source, age".
 * Whether a figure is too old is decided outside the engine (see {@code marketDataFresh} on options).
 *
 * @param value      the figure in the unit documented by the field that holds it
 * @param source     where it came from, e.g. {@code static}, {@code feed coingecko/etc-usd}
 * @param observedAt when the source observed it; {@code null} when unknown (static values)
 */
public record MarketValue(double value, String source, Instant observedAt) {
    public static MarketValue of(double value) {
        return new MarketValue(value, "static", null);
    }

    /** Age at {@code now}, or {@code null} when the observation time is unknown. */
    public Duration ageAt(Instant now) {
        return observedAt == null ? null : Duration.between(observedAt, now);
    }

    public String cite(Instant now) {
        Duration age = ageAt(now);
        return value + " (" + source + (age == null ? "" : ", " + age.toSeconds() + "s old") + ")";
    }
}
