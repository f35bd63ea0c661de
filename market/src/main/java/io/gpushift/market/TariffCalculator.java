package io.gpushift.market;

import io.gpushift.market.spec.FeedSource.Tariff;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Time-of-use tariff evaluation with java.time (local wall-clock time in the tariff's zone, DST included). */
public final class TariffCalculator {
    private TariffCalculator() {
    }

    /** Price in $/kWh at {@code at}. */
    public static double priceAt(Tariff t, Instant at) {
        return windowAt(t, at).map(Tariff.Window::price).orElse(t.defaultPrice());
    }

    /** The first window containing {@code at}, if any. */
    public static Optional<Tariff.Window> windowAt(Tariff t, Instant at) {
        ZonedDateTime local = at.atZone(t.zone());
        DayOfWeek day = local.getDayOfWeek();
        LocalTime time = local.toLocalTime();
        for (Tariff.Window w : t.windows()) {
            if (contains(w, day, time)) return Optional.of(w);
        }
        return Optional.empty();
    }

    static boolean contains(Tariff.Window w, DayOfWeek day, LocalTime time) {
        if (w.start().isBefore(w.end())) {
            return w.days().contains(day) && !time.isBefore(w.start()) && time.isBefore(w.end());
        }
        // Crosses midnight (or start == end: a full day from start): the night belongs to the start day.
        return (w.days().contains(day) && !time.isBefore(w.start()))
                || (w.days().contains(day.minus(1)) && time.isBefore(w.end()));
    }

    /**
     * The next instant after {@code from} (within 8 days, minute resolution) at which the price changes, for planners
     * that want to act ahead of a peak window.
     */
    public static Optional<Instant> nextChange(Tariff t, Instant from) {
        double now = priceAt(t, from);
        Instant probe = from.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant end = from.plus(8, ChronoUnit.DAYS);
        for (; probe.isBefore(end); probe = probe.plus(1, ChronoUnit.MINUTES)) {
            if (priceAt(t, probe) != now) return Optional.of(probe);
        }
        return Optional.empty();
    }
}
