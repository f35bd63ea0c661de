package io.gpushift.market.http;

import io.gpushift.market.spec.RetrySpec;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** Backoff delays and Retry-After parsing (RFC 9110 §10.2.3: delay-seconds or an HTTP-date). */
public final class Backoff {
    private Backoff() {
    }

    /**
     * Delay after failed attempt {@code attempt} (1-based): {@code min(maxDelay, baseDelay × 2^(attempt-1))} times a
     * random factor in {@code [1 - jitter, 1]}.
     */
    public static Duration delay(RetrySpec spec, int attempt, RandomGenerator random) {
        long base = spec.baseDelay().toMillis();
        long cap = spec.maxDelay().toMillis();
        int shift = Math.max(0, Math.min(attempt - 1, 30));
        long exp = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
        long capped = Math.min(cap, exp);
        double factor = 1.0 - spec.jitter() * random.nextDouble();
        return Duration.ofMillis(Math.max(0, Math.round(capped * factor)));
    }

    /** The wait a Retry-After header asks for, relative to {@code now}; empty if absent or unparseable. */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null) return Optional.empty();
        String v = header.trim();
        if (v.isEmpty() || v.length() > 64) return Optional.empty();
        if (v.chars().allMatch(Character::isDigit)) {
            if (v.length() > 9) return Optional.of(Duration.ofSeconds(999_999_999L));
            return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
