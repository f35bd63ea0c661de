package io.gpushift.market;

import java.time.Duration;

/** Short human durations for reasons: 45s, 17m, 1h5m, 2d3h. */
final class Ages {
    private Ages() {
    }

    static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) return s + "s";
        long m = s / 60;
        if (m < 60) return m + "m" + (s % 60 == 0 || m >= 10 ? "" : (s % 60) + "s");
        long h = m / 60;
        if (h < 24) return h + "h" + (m % 60 == 0 ? "" : (m % 60) + "m");
        long days = h / 24;
        return days + "d" + (h % 24 == 0 ? "" : (h % 24) + "h");
    }
}
