package io.gpushift.market.smooth;

import io.gpushift.market.smooth.FieldSmoother.Verdict;
import io.gpushift.market.spec.OutlierRule;
import io.gpushift.market.spec.SmoothingSpec;
import io.gpushift.market.spec.SmoothingSpec.Method;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FieldSmootherTest {

    private static double published(FieldSmoother s) {
        return s.published().orElseThrow();
    }

    @Test
    void aSpikeIsRejectedByMad() {
        var s = new FieldSmoother(new SmoothingSpec(5, OutlierRule.mad(3.5), Method.LAST, 0, 0));
        for (double x : new double[]{100, 101, 99, 100, 102}) s.offer(x);
        assertThat(s.offer(1000)).isEqualTo(Verdict.OUTLIER);
        assertThat(published(s)).isEqualTo(102);
        assertThat(s.offer(0.5)).isEqualTo(Verdict.OUTLIER); // a crash to ~0 too
        assertThat(s.offer(101)).isEqualTo(Verdict.PUBLISHED);
        assertThat(published(s)).isEqualTo(101);
    }

    @Test
    void aSpikeIsRejectedBySigma() {
        var s = new FieldSmoother(new SmoothingSpec(10, OutlierRule.sigma(3), Method.LAST, 0, 0));
        for (double x : new double[]{50, 51, 49, 50, 52, 48, 50}) s.offer(x);
        assertThat(s.offer(90)).isEqualTo(Verdict.OUTLIER);
        assertThat(s.offer(53)).isEqualTo(Verdict.PUBLISHED);
    }

    @Test
    void aLastingLevelShiftGetsThroughTheOutlierFilter() {
        var s = new FieldSmoother(new SmoothingSpec(5, OutlierRule.mad(3.5), Method.LAST, 0, 0));
        for (int i = 0; i < 5; i++) s.offer(100);
        assertThat(s.offer(150)).isEqualTo(Verdict.OUTLIER);
        assertThat(s.offer(150)).isEqualTo(Verdict.OUTLIER);
        assertThat(s.offer(150)).isEqualTo(Verdict.PUBLISHED); // now the majority of the raw window
        assertThat(published(s)).isEqualTo(150);
    }

    @Test
    void aSustainedRiseIsConfirmedAfterNTicks() {
        var s = new FieldSmoother(new SmoothingSpec(5, OutlierRule.none(), Method.LAST, 3, 0));
        assertThat(s.offer(100)).isEqualTo(Verdict.FIRST);
        assertThat(s.offer(110)).isEqualTo(Verdict.RISE_PENDING);
        assertThat(s.offer(112)).isEqualTo(Verdict.RISE_PENDING);
        assertThat(published(s)).isEqualTo(100);
        assertThat(s.risePending()).isEqualTo(2);
        assertThat(s.offer(111)).isEqualTo(Verdict.PUBLISHED);
        assertThat(published(s)).isEqualTo(110); // the level held throughout the confirmation
    }

    @Test
    void anInterruptedRiseStartsOver() {
        var s = new FieldSmoother(new SmoothingSpec(5, OutlierRule.none(), Method.LAST, 3, 0));
        s.offer(100);
        s.offer(110);
        s.offer(110);
        assertThat(s.offer(100)).isEqualTo(Verdict.UNCHANGED);
        assertThat(s.offer(110)).isEqualTo(Verdict.RISE_PENDING);
        assertThat(s.offer(110)).isEqualTo(Verdict.RISE_PENDING);
        assertThat(published(s)).isEqualTo(100);
        assertThat(s.offer(110)).isEqualTo(Verdict.PUBLISHED);
    }

    @Test
    void fallsArePublishedAtOnceUnlessConfirmationIsAskedFor() {
        var price = new FieldSmoother(new SmoothingSpec(5, OutlierRule.none(), Method.LAST, 3, 0));
        price.offer(100);
        assertThat(price.offer(80)).isEqualTo(Verdict.PUBLISHED);
        var cost = new FieldSmoother(new SmoothingSpec(5, OutlierRule.none(), Method.LAST, 0, 2));
        cost.offer(0.10);
        assertThat(cost.offer(0.20)).isEqualTo(Verdict.PUBLISHED); // costs rise at once
        assertThat(cost.offer(0.05)).isEqualTo(Verdict.FALL_PENDING);
        assertThat(cost.offer(0.06)).isEqualTo(Verdict.PUBLISHED);
        assertThat(cost.published().getAsDouble()).isEqualTo(0.06);
    }

    @Test
    void emaAndMedianSmooth() {
        var ema = new FieldSmoother(new SmoothingSpec(3, OutlierRule.none(), Method.EMA, 0, 0));
        ema.offer(100);
        ema.offer(200); // alpha = 0.5
        assertThat(published(ema)).isCloseTo(150, within(1e-9));
        var med = new FieldSmoother(new SmoothingSpec(3, OutlierRule.none(), Method.MEDIAN, 0, 0));
        for (double x : new double[]{100, 300, 200, 900}) med.offer(x);
        assertThat(published(med)).isEqualTo(300); // median of 300, 200, 900
    }

    @Test
    void defaultSpecCombinesAll() {
        var s = new FieldSmoother(SmoothingSpec.DEFAULT);
        for (int i = 0; i < 5; i++) s.offer(100);
        assertThat(s.offer(10_000)).isEqualTo(Verdict.OUTLIER);
        List<Verdict> v = List.of(s.offer(103), s.offer(103), s.offer(103));
        assertThat(v).containsExactly(Verdict.RISE_PENDING, Verdict.RISE_PENDING, Verdict.PUBLISHED);
        assertThat(published(s)).isBetween(100.0, 103.0);
    }

    @Property(tries = 300)
    void publishedIsAlwaysFiniteNonNegativeAndWithinTheObservedRange(
            @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1e30) Double> xs,
            @ForAll @IntRange(min = 1, max = 12) int window, @ForAll @IntRange(min = 0, max = 5) int rises,
            @ForAll @IntRange(min = 0, max = 5) int falls, @ForAll Method method, @ForAll boolean sigma) {
        var s = new FieldSmoother(new SmoothingSpec(window, sigma ? OutlierRule.sigma(3) : OutlierRule.mad(3), method,
                rises, falls));
        double lo = Double.MAX_VALUE, hi = 0;
        for (double x : xs) {
            s.offer(x);
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
            if (s.published().isPresent()) {
                double p = s.published().getAsDouble();
                assertThat(p).isFinite().isGreaterThanOrEqualTo(0);
                assertThat(p).isBetween(lo * (1 - 1e-9), hi * (1 + 1e-9));
            }
        }
    }
}
