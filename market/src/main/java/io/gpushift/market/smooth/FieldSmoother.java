package io.gpushift.market.smooth;

import io.gpushift.market.spec.OutlierRule;
import io.gpushift.market.spec.SmoothingSpec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * Outlier rejection, smoothing and rise/fall confirmation for one field. Not thread-safe; the owner synchronizes.
 * <ol>
 *   <li><b>Outliers</b> (Hampel-style): a new observation joins the window of the last {@code window} raw observations
 *   whatever the verdict and is judged against that window's median/MAD (or the mean/σ of the earlier ones), once {@code minSamples} earlier
 *   observations exist. A one-off spike is dropped; a lasting level shift is accepted once it is the majority of the
 *   window (the 3rd observation for window 5).</li>
 *   <li><b>Smoothing</b> of accepted observations: last value, EMA (alpha = 2/(window+1)) or median over the window.</li>
 *   <li><b>Confirmation</b>: the published value moves up only after {@code confirmRises} consecutive smoothed values
 *   above it (then to the lowest of them: the level held throughout), down only after {@code confirmFalls} below it
 *   (then to the highest of them).</li>
 * </ol>
 */
public final class FieldSmoother {

    /** What one observation did. */
    public enum Verdict { FIRST, PUBLISHED, UNCHANGED, OUTLIER, RISE_PENDING, FALL_PENDING }

    private final SmoothingSpec spec;
    private final Deque<Double> raw = new ArrayDeque<>();
    private final Deque<Double> accepted = new ArrayDeque<>();
    private double ema = Double.NaN;
    private double published = Double.NaN;
    private int risePending;
    private double riseLevel;
    private int fallPending;
    private double fallLevel;

    public FieldSmoother(SmoothingSpec spec) {
        this.spec = spec;
    }

    public SmoothingSpec spec() {
        return spec;
    }

    /** The published value, empty before the first accepted observation. Always finite and {@code >= 0}. */
    public OptionalDouble published() {
        return Double.isNaN(published) ? OptionalDouble.empty() : OptionalDouble.of(published);
    }

    public int risePending() {
        return risePending;
    }

    public int fallPending() {
        return fallPending;
    }

    public Verdict offer(double x) {
        if (!(x >= 0) || !Double.isFinite(x)) throw new IllegalArgumentException("invalid observation " + x);
        boolean judged = raw.size() >= minSamples();
        raw.addLast(x);
        while (raw.size() > spec.window()) raw.removeFirst();
        if (judged && isOutlier(x)) return Verdict.OUTLIER;

        accepted.addLast(x);
        while (accepted.size() > spec.window()) accepted.removeFirst();
        double alpha = 2.0 / (spec.window() + 1);
        ema = Double.isNaN(ema) ? x : alpha * x + (1 - alpha) * ema;
        double candidate = switch (spec.method()) {
            case LAST -> x;
            case EMA -> ema;
            case MEDIAN -> Stats.median(accepted.stream().mapToDouble(Double::doubleValue).toArray());
        };
        candidate = Math.max(0, candidate);

        if (Double.isNaN(published)) {
            published = candidate;
            return Verdict.FIRST;
        }
        if (candidate > published) {
            fallPending = 0;
            riseLevel = risePending == 0 ? candidate : Math.min(riseLevel, candidate);
            risePending++;
            if (risePending >= spec.confirmRises()) {
                published = riseLevel;
                risePending = 0;
                return Verdict.PUBLISHED;
            }
            return Verdict.RISE_PENDING;
        }
        if (candidate < published) {
            risePending = 0;
            fallLevel = fallPending == 0 ? candidate : Math.max(fallLevel, candidate);
            fallPending++;
            if (fallPending >= spec.confirmFalls()) {
                published = fallLevel;
                fallPending = 0;
                return Verdict.PUBLISHED;
            }
            return Verdict.FALL_PENDING;
        }
        risePending = 0;
        fallPending = 0;
        return Verdict.UNCHANGED;
    }

    private int minSamples() {
        return switch (spec.outliers()) {
            case OutlierRule.None n -> Integer.MAX_VALUE;
            case OutlierRule.Mad m -> m.minSamples();
            case OutlierRule.Sigma s -> s.minSamples();
        };
    }

    /** MAD: judged against the raw window including {@code x} (a Hampel filter); σ: against the earlier ones. */
    private boolean isOutlier(double x) {
        double[] hist = raw.stream().mapToDouble(Double::doubleValue).toArray();
        return switch (spec.outliers()) {
            case OutlierRule.None n -> false;
            case OutlierRule.Mad m -> {
                double med = Stats.median(hist);
                double scale = Math.max(1.4826 * Stats.mad(hist), m.minRelativeSpread() * Math.abs(med));
                yield scale > 0 ? Math.abs(x - med) > m.k() * scale : x != med;
            }
            case OutlierRule.Sigma s -> {
                // Against the earlier observations only: a point inside its own σ masks itself (|z| <= (n-1)/sqrt(n)).
                double[] earlier = java.util.Arrays.copyOf(hist, hist.length - 1);
                double mean = Stats.mean(earlier);
                double scale = Math.max(Stats.stddev(earlier), s.minRelativeSpread() * Math.abs(mean));
                yield scale > 0 ? Math.abs(x - mean) > s.k() * scale : x != mean;
            }
        };
    }
}
