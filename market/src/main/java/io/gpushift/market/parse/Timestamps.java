package io.gpushift.market.parse;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/** Payload timestamps (epoch seconds). A bad timestamp never rejects a value; it falls back to the fetch time. */
public final class Timestamps {
    private static final Instant EARLIEST = Instant.parse("2009-01-03T00:00:00Z");

    private Timestamps() {
    }

    /**
     * {@code min(payload time, fetchedAt)} when {@code node} holds a plausible epoch-seconds time, else {@code fetchedAt}.
     * A time more than a day in the future is ignored (a broken source clock).
     */
    public static Instant observedAt(JsonNode node, Instant fetchedAt) {
        if (node == null || node.isMissingNode() || node.isNull()) return fetchedAt;
        try {
            BigDecimal secs = Numbers.toDecimal(node, "");
            if (secs.signum() <= 0 || secs.compareTo(BigDecimal.valueOf(1e11)) > 0) return fetchedAt;
            long millis = secs.movePointRight(3).longValue();
            Instant ts = Instant.ofEpochMilli(millis);
            if (ts.isBefore(EARLIEST) || ts.isAfter(fetchedAt.plus(Duration.ofDays(1)))) return fetchedAt;
            return ts.isBefore(fetchedAt) ? ts : fetchedAt;
        } catch (ValueRejectedException | ArithmeticException e) {
            return fetchedAt;
        }
    }
}
