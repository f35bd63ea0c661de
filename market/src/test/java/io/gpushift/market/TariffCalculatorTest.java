package io.gpushift.market;

import io.gpushift.market.spec.FeedSource.Tariff;
import io.gpushift.market.spec.FeedSource.Tariff.Window;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TariffCalculatorTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Tariff TOU = new Tariff(BERLIN, 0.12, List.of(
            Window.weekdays("17:00", "21:00", 0.35),                                            // evening peak
            new Window(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(6, 0), 0.05),
            Window.everyDay("00:00", "06:00", 0.08)));

    private static double at(String local) {
        return TariffCalculator.priceAt(TOU, java.time.LocalDateTime.parse(local).atZone(BERLIN).toInstant());
    }

    @Test
    void windowsByWeekdayAndTime() {
        assertThat(at("2025-05-16T16:59")).isEqualTo(0.12); // Friday, before peak
        assertThat(at("2025-05-16T17:00")).isEqualTo(0.35); // start inclusive
        assertThat(at("2025-05-16T20:59")).isEqualTo(0.35);
        assertThat(at("2025-05-16T21:00")).isEqualTo(0.12); // end exclusive
        assertThat(at("2025-05-17T18:00")).isEqualTo(0.12); // Saturday: no peak
    }

    @Test
    void nightWindowsCrossMidnightAndFirstMatchWins() {
        assertThat(at("2025-05-16T23:30")).isEqualTo(0.05); // Friday night
        assertThat(at("2025-05-17T03:00")).isEqualTo(0.05); // still Friday's night, before the every-day window
        assertThat(at("2025-05-18T03:00")).isEqualTo(0.05); // Saturday's night
        assertThat(at("2025-05-19T03:00")).isEqualTo(0.08); // Monday 03:00: Sunday had no night window
        assertThat(at("2025-05-15T23:30")).isEqualTo(0.12); // Thursday night
    }

    @Test
    void daylightSavingUsesWallClockTime() {
        // 2025-03-30 clocks jump 02:00 -> 03:00 in Berlin; 17:00 local is 15:00Z after, 16:00Z before.
        assertThat(TariffCalculator.priceAt(TOU, Instant.parse("2025-03-28T16:00:00Z"))).isEqualTo(0.35); // Fri 17:00 CET
        assertThat(TariffCalculator.priceAt(TOU, Instant.parse("2025-03-31T15:00:00Z"))).isEqualTo(0.35); // Mon 17:00 CEST
        assertThat(TariffCalculator.priceAt(TOU, Instant.parse("2025-03-31T14:59:00Z"))).isEqualTo(0.12);
    }

    @Test
    void nextChange() {
        Instant fri1630 = java.time.LocalDateTime.parse("2025-05-16T16:30").atZone(BERLIN).toInstant();
        assertThat(TariffCalculator.nextChange(TOU, fri1630))
                .contains(java.time.LocalDateTime.parse("2025-05-16T17:00").atZone(BERLIN).toInstant());
        assertThat(TariffCalculator.nextChange(new Tariff(BERLIN, 0.1, List.of()), fri1630)).isEmpty();
    }

    @Property(tries = 500)
    void alwaysOneOfTheDeclaredPrices(@ForAll @LongRange(min = 1_600_000_000L, max = 2_000_000_000L) long epoch) {
        double p = TariffCalculator.priceAt(TOU, Instant.ofEpochSecond(epoch));
        assertThat(p).isIn(0.12, 0.35, 0.05, 0.08);
    }
}
