package io.gpushift.engine.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Electricity price in USD/kWh: a base price, optionally overridden by daily time-of-use windows (local time in
 * {@code zone}; a window whose end is not after its start wraps midnight; the first matching window wins).
 */
public record Tariff(MarketValue baseUsdPerKwh, List<Window> windows, ZoneId zone) {
    public record Window(LocalTime start, LocalTime end, double usdPerKwh) {
        boolean contains(LocalTime t) {
            return end.isAfter(start) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
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
        LocalTime local = ZonedDateTime.ofInstant(t, zone).toLocalTime();
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
