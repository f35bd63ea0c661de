package io.gpushift.market.spec;

/**
 * How an observation is judged an outlier against the last {@link SmoothingSpec#window()} raw observations, itself
 * included (a Hampel filter: outliers stay in the raw window, so a lasting level shift is accepted once it is the
 * majority).
 * The spread is floored at {@code minRelativeSpread × |median|} so that a flat history does not make every move an outlier.
 */
public sealed interface OutlierRule {

    /** No outlier rejection. */
    record None() implements OutlierRule {
    }

    /**
     * Reject when {@code |x - median| > k × max(1.4826 × MAD, minRelativeSpread × |median|)}.
     *
     * @param minSamples fewer earlier raw observations than this: no judgement (accept)
     */
    record Mad(double k, int minSamples, double minRelativeSpread) implements OutlierRule {
        public Mad {
            check(k, minSamples, minRelativeSpread);
        }
    }

    /** Reject when {@code |x - mean| > k × max(σ, minRelativeSpread × |mean|)} (minerstat-style 3σ). */
    record Sigma(double k, int minSamples, double minRelativeSpread) implements OutlierRule {
        public Sigma {
            check(k, minSamples, minRelativeSpread);
        }
    }

    static OutlierRule none() {
        return new None();
    }

    static OutlierRule mad(double k) {
        return new Mad(k, 3, 0.02);
    }

    static OutlierRule sigma(double k) {
        return new Sigma(k, 3, 0.02);
    }

    private static void check(double k, int minSamples, double minRelativeSpread) {
        if (!(k > 0 && k < 1e6)) throw new IllegalArgumentException("k must be > 0");
        if (minSamples < 2) throw new IllegalArgumentException("minSamples must be >= 2");
        if (!(minRelativeSpread >= 0 && minRelativeSpread < 1e6)) {
            throw new IllegalArgumentException("minRelativeSpread must be >= 0");
        }
    }
}
