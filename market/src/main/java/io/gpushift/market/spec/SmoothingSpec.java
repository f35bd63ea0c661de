package io.gpushift.market.spec;

import java.util.Objects;

/**
 * Per-field smoothing and safety.
 *
 * @param window       number of observations in the raw window (outlier test) and the smoothing window
 * @param outliers     outlier rule applied before smoothing
 * @param method       how accepted observations are combined
 * @param confirmRises a rise of the smoothed value is published only after this many consecutive observations above the
 *                     published value (NiceHash-style; 0 or 1 = at once). Use it for prices you earn.
 * @param confirmFalls the same for falls. Use it for costs (electricity), where a fall is the optimistic direction.
 */
public record SmoothingSpec(int window, OutlierRule outliers, Method method, int confirmRises, int confirmFalls) {

    public enum Method {
        /** The latest accepted observation. */
        LAST,
        /** Exponential moving average, alpha = 2 / (window + 1). */
        EMA,
        /** Median of the last {@code window} accepted observations. */
        MEDIAN
    }

    /** Window 5, MAD outliers (k = 3.5), EMA, rises confirmed after 3 observations. */
    public static final SmoothingSpec DEFAULT = new SmoothingSpec(5, OutlierRule.mad(3.5), Method.EMA, 3, 0);
    /** Pass-through: every valid observation is published at once. */
    public static final SmoothingSpec NONE = new SmoothingSpec(1, OutlierRule.none(), Method.LAST, 0, 0);

    public SmoothingSpec {
        Objects.requireNonNull(outliers, "outliers");
        Objects.requireNonNull(method, "method");
        if (window < 1 || window > 10_000) throw new IllegalArgumentException("window must be 1..10000");
        if (confirmRises < 0 || confirmRises > 1000 || confirmFalls < 0 || confirmFalls > 1000) {
            throw new IllegalArgumentException("confirmation ticks must be 0..1000");
        }
    }

    public SmoothingSpec withConfirmRises(int n) {
        return new SmoothingSpec(window, outliers, method, n, confirmFalls);
    }

    public SmoothingSpec withConfirmFalls(int n) {
        return new SmoothingSpec(window, outliers, method, confirmRises, n);
    }
}
