package io.gpushift.api.translate;

import io.gpushift.api.v1alpha1.FeedRef;
import io.gpushift.api.v1alpha1.QuantitySource;
import io.gpushift.api.v1alpha1.Quantities;
import io.gpushift.api.v1alpha1.ValueSource;
import io.gpushift.engine.model.MarketValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves the value-or-feed fields of one object and remembers whether any of them was not fresh, so the object's
 * option can be held ({@code marketDataFresh=false}) and its {@code MarketDataFresh} condition can say why.
 */
final class Values {
    private final FeedLookup feeds;
    private final List<String> staleReasons = new ArrayList<>();
    private final List<FeedInput> inputs = new ArrayList<>();

    Values(FeedLookup feeds) {
        this.feeds = feeds;
    }

    /** A missing value becomes NaN, which the engine's validation reports against {@code field} and never plans from. */
    MarketValue of(ValueSource source, String field) {
        if (source == null) return new MarketValue(Double.NaN, "missing " + field, null);
        if (source.value != null) return MarketValue.of(source.value);
        return fromFeed(source.feedRef, field);
    }

    MarketValue of(QuantitySource source, String field) {
        if (source == null) return new MarketValue(Double.NaN, "missing " + field, null);
        if (source.value != null) return MarketValue.of(Quantities.toDouble(source.value));
        return fromFeed(source.feedRef, field);
    }

    private MarketValue fromFeed(FeedRef ref, String field) {
        if (ref == null) return new MarketValue(Double.NaN, "missing " + field, null);
        FeedLookup.Resolution r = feeds.resolve(ref);
        if (!r.fresh()) staleReasons.add(field + ": " + r.reason());
        inputs.add(new FeedInput(field, ref, r.value(), r.fresh(), r.fresh() ? null : r.reason()));
        return r.value() != null ? r.value() : new MarketValue(Double.NaN, "feed " + ref.name + " (no value yet)", null);
    }

    /**
     * Typed watts, or the measured ones while fresh and plausible. A measurement that is not usable is reported (as a
     * not-fresh input) but never holds the option: the typed figure is the documented fallback.
     */
    double watts(Integer typed, FeedRef measured, String field) {
        double fallback = typed == null ? Double.NaN : typed;
        if (measured == null) return fallback;
        FeedLookup.Resolution r = feeds.resolve(measured);
        MarketValue m = r.value();
        boolean plausible = m != null && m.value() >= 1 && m.value() <= 5000;
        boolean usable = r.fresh() && plausible;
        String why = usable ? null : (r.fresh() ? "implausible power " + (m == null ? "none" : m.value()) + " W"
                : r.reason()) + "; typed watts " + typed + " used";
        inputs.add(new FeedInput(field, measured, m, usable, why));
        return usable ? m.value() : fallback;
    }

    boolean fresh() {
        return staleReasons.isEmpty();
    }

    /** Every feed-backed value resolved so far, in spec order. */
    List<FeedInput> inputs() {
        return List.copyOf(inputs);
    }

    /** Why the object's market data is not fresh, field by field; empty when it is. */
    List<String> staleReasons() {
        return List.copyOf(staleReasons);
    }
}
