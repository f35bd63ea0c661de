package io.gpushift.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TariffTest {
    // Weekday peak 14:00–20:00 at 0.15; Friday-night window 22:00–06:00 at 0.02 (wraps midnight); base 0.05.
    static final Tariff TARIFF = new Tariff(MarketValue.of(0.05), List.of(
            new Tariff.Window(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                    DayOfWeek.FRIDAY), LocalTime.of(14, 0), LocalTime.of(20, 0), 0.15),
            new Tariff.Window(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(6, 0), 0.02)),
            ZoneId.of("UTC"));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "2026-11-25T15:00:00Z, 0.15",  // Wednesday peak
            "2026-11-25T20:00:00Z, 0.05",  // the end is exclusive
            "2026-11-28T15:00:00Z, 0.05",  // Saturday: the peak is weekdays only
            "2026-11-27T23:00:00Z, 0.02",  // Friday night
            "2026-11-28T03:00:00Z, 0.02",  // Saturday early morning: still Friday's night window
            "2026-11-29T03:00:00Z, 0.05",  // Sunday early morning: Saturday has no night window
            "2026-11-27T03:00:00Z, 0.05",  // Friday early morning: Thursday has no night window
    })
    void windowsApplyOnTheirDaysAndAWrappedWindowBelongsToItsStartDay(Instant at, double usdPerKwh) {
        assertThat(TARIFF.usdPerKwhAt(at)).isEqualTo(usdPerKwh);
    }
}
