package io.gpushift.engine.model;

import java.time.Duration;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Electricity price in USD/kWh: a base price, optionally overridden by daily time-of-use windows (local time in
 * {@code zone}; a window whose end is not after its start wraps midnight; the first matching window wins).
 */
public record Tariff(MarketValue baseUsdPerKwh, List<Window> windows, ZoneId zone) {
    /**
     * @param days weekdays the window applies to (local time); a window that wraps midnight belongs to the day it
     *             starts on, so a Friday 22:00–06:00 window covers Saturday 03:00 too
     */
    public record Window(Set<DayOfWeek> days, LocalTime start, LocalTime end, double usdPerKwh) {
        public Window {
            days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        }

        /** A window on every day. */
        public Window(LocalTime start, LocalTime end, double usdPerKwh) {
            this(null, start, end, usdPerKwh);
        }

        boolean contains(ZonedDateTime at) {
            LocalTime t = at.toLocalTime();
            DayOfWeek day = at.getDayOfWeek();
            if (end.isAfter(start)) return days.contains(day) && !t.isBefore(start) && t.isBefore(end);
            return !t.isBefore(start) && days.contains(day) || t.isBefore(end) && days.contains(day.minus(1));
        }
    }

    public Tariff {
        windows = windows == null ? List.of() : List.copyOf(windows);
        zone = zone == null ? ZoneId.of("UTC") : zone;
    }

    public static Tariff fixed(double usdPerKwh) {
        return new Tariff(MarketValue.of(usdPerKwh), List.of(), null);
    }

    public double usdPerKwhAt(Instant t) {
        if (windows.isEmpty()) return baseUsdPerKwh.value();
        ZonedDateTime local = ZonedDateTime.ofInstant(t, zone);
        for (Window w : windows) if (w.contains(local)) return w.usdPerKwh();
        return baseUsdPerKwh.value();
    }

    /**
     * Mean price over {@code [from, from + horizon)}, sampled each minute: a move is judged by what power will cost
     * while it pays back, not only by the price of this instant.
     */
    public double meanUsdPerKwh(Instant from, Duration horizon) {
        if (windows.isEmpty()) return baseUsdPerKwh.value();
        long minutes = Math.max(1, horizon.toMinutes());
        double sum = 0;
        for (long m = 0; m < minutes; m++) sum += usdPerKwhAt(from.plusSeconds(60 * m));
        return sum / minutes;
    }
}
