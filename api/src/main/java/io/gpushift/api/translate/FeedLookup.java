package io.gpushift.api.translate;

import io.gpushift.api.v1alpha1.FeedRef;
import io.gpushift.engine.model.MarketValue;

/**
 * Resolves a {@link FeedRef} to the value the engine should use. The operator backs it with the market-data layer;
 * the quote calculator with nothing (static values only).
 */
@FunctionalInterface
public interface FeedLookup {

    /**
     * @return the current value, or a {@link Resolution#unavailable} carrying the last good value (or none) and why
     */
    Resolution resolve(FeedRef ref);

    /** A lookup for contexts without feeds: every reference is unavailable. */
    FeedLookup NONE = ref -> Resolution.unavailable(null, "no market-data feeds in this context (feed " + ref.name + ")");

    /**
     * @param value  what to price with; {@code null} when nothing was ever received
     * @param fresh  the value is recent and trusted; a stale value is shown but never moves capacity
     * @param reason why not fresh ({@code null} when fresh)
     */
    record Resolution(MarketValue value, boolean fresh, String reason) {
        public static Resolution fresh(MarketValue value) {
            return new Resolution(value, true, null);
        }

        public static Resolution unavailable(MarketValue lastGood, String reason) {
            return new Resolution(lastGood, false, reason);
        }
    }
}
