package io.gpushift.api.translate;

import io.gpushift.api.v1alpha1.DisruptionBudget;
import io.gpushift.api.v1alpha1.Electricity;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.GPUNodePoolSpec;
import io.gpushift.api.v1alpha1.Policy;
import io.gpushift.api.v1alpha1.TariffWindow;
import io.gpushift.api.v1alpha1.ValueSource;
import io.gpushift.engine.model.Hysteresis;
import io.gpushift.engine.model.MarketValue;
import io.gpushift.engine.model.Mode;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.model.Tariff;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** GPUNodePool → engine {@link NodePool}: tariff, PUE, policy. Defaults here match the CRD's documented defaults. */
final class PoolTranslation {
    private PoolTranslation() {
    }

    static NodePool toEngine(GPUNodePool pool, Values feeds) {
        GPUNodePoolSpec s = pool.getSpec();
        Policy p = s.policy == null ? new Policy() : s.policy;
        Map<String, Double> idle = new TreeMap<>();
        if (s.idleWattsPerGpu != null) s.idleWattsPerGpu.forEach((k, w) -> idle.put(k, w.doubleValue()));
        return new NodePool(pool.getMetadata().getName(), tariff(s.electricity, feeds),
                s.electricity.pue == null ? 1.0 : s.electricity.pue, idle, duration(p.paybackHorizon, "6h"),
                hysteresis(p.hysteresis), duration(p.minDwell, "30m"), budget(p.disruptionBudget), mode(p.mode),
                p.whenNothingPays == Policy.WhenNothingPays.Hold);
    }

    static Tariff tariff(Electricity e, Values feeds) {
        if (e.usdPerKWh != null) return Tariff.fixed(e.usdPerKWh);
        if (e.feedRef != null) {
            ValueSource src = new ValueSource();
            src.feedRef = e.feedRef;
            return new Tariff(feeds.of(src, "spec.electricity.feedRef"), List.of(), null);
        }
        var tou = e.timeOfUse;
        List<Tariff.Window> windows = EngineInputs.nullToEmpty(tou.windows).stream()
                .map(w -> new Tariff.Window(days(w.days), LocalTime.parse(w.start), LocalTime.parse(w.end), w.usdPerKWh))
                .toList();
        return new Tariff(MarketValue.of(tou.usdPerKWh), windows, zone(tou.timezone));
    }

    /** The schema admits any zone-shaped name; one the JDK does not know (a typo such as America/NewYork) names the field. */
    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name == null ? "UTC" : name);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("spec.electricity.timeOfUse.timezone " + name
                    + " is not a known IANA time zone (e.g. America/New_York)", e);
        }
    }

    private static Set<DayOfWeek> days(List<TariffWindow.Weekday> days) {
        if (days == null || days.isEmpty()) return EnumSet.allOf(DayOfWeek.class);
        EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (TariffWindow.Weekday d : days) out.add(DayOfWeek.values()[d.ordinal()]);
        return out;
    }

    /** Go-style durations ({@code 6h}, {@code 1h30m}), as the CRD's pattern admits them. */
    static Duration duration(String text, String fallback) {
        String value = text == null ? fallback : text;
        try {
            return io.fabric8.kubernetes.api.model.Duration.parse(value).getDuration();
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("not a duration: " + value, e);
        }
    }

    private static Hysteresis hysteresis(io.gpushift.api.v1alpha1.Hysteresis h) {
        if (h == null) return Hysteresis.NONE;
        return new Hysteresis(h.minGainUsdPerHour == null ? 0 : h.minGainUsdPerHour,
                h.minGainPercent == null ? 0 : h.minGainPercent);
    }

    private static io.gpushift.engine.model.DisruptionBudget budget(DisruptionBudget b) {
        if (b == null) return io.gpushift.engine.model.DisruptionBudget.UNLIMITED;
        return new io.gpushift.engine.model.DisruptionBudget(b.maxGpusPerInterval,
                b.maxPercentPerInterval == null ? null : b.maxPercentPerInterval.doubleValue());
    }

    private static Mode mode(Policy.Mode m) {
        if (m == null) return Mode.AUTO;
        return switch (m) {
            case Auto -> Mode.AUTO;
            case Recommend -> Mode.RECOMMEND;
            case Paused -> Mode.PAUSED;
        };
    }
}
