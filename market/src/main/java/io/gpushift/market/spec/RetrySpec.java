package io.gpushift.market.spec;

import java.time.Duration;
import java.util.Objects;

/**
 * Retry with exponential backoff and jitter for one refresh of one URL.
 *
 * @param maxAttempts   total attempts (1 = no retry)
 * @param baseDelay     delay before the 2nd attempt; doubles each attempt
 * @param maxDelay      cap on the backoff delay
 * @param jitter        fraction in [0,1]: the delay is multiplied by a random factor in [1 - jitter, 1]
 * @param maxRetryAfter longest {@code Retry-After} (429/503) that is waited out inside one refresh; a longer one ends the
 *                      refresh and no request is sent to that URL before it has passed
 */
public record RetrySpec(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter, Duration maxRetryAfter) {
    public static final RetrySpec DEFAULT =
            new RetrySpec(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.5, Duration.ofSeconds(60));
    public static final RetrySpec NONE = new RetrySpec(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);

    public RetrySpec {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxAttempts < 1 || maxAttempts > 20) throw new IllegalArgumentException("maxAttempts must be 1..20");
        if (baseDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
        if (!(jitter >= 0 && jitter <= 1)) throw new IllegalArgumentException("jitter must be in [0,1]");
    }
}
