package io.gpushift.market.spec;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a user declares for one feed.
 *
 * @param name            unique feed name (DNS-label-like: lower case, digits, '-', '.')
 * @param source          where the values come from
 * @param refreshInterval how often it is fetched; also how long a shared cached response counts as current
 * @param timeout         per HTTP attempt, headers and body included
 * @param maxAge          a value older than this is stale
 * @param smoothing       outlier rule, smoothing and rise/fall confirmation
 * @param retry           retry/backoff for one refresh
 * @param apiKey          optional API key header; its value is redacted in toString
 */
public record FeedSpec(String name, FeedSource source, Duration refreshInterval, Duration timeout, Duration maxAge,
                       SmoothingSpec smoothing, RetrySpec retry, Optional<ApiKey> apiKey) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");

    public FeedSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(smoothing, "smoothing");
        Objects.requireNonNull(retry, "retry");
        apiKey = apiKey == null ? Optional.empty() : apiKey;
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("invalid feed name: " + name);
        if (refreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("refreshInterval must be >= 1s");
        }
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0");
        if (maxAge.compareTo(refreshInterval) < 0) throw new IllegalArgumentException("maxAge must be >= refreshInterval");
    }

    /**
     * Defaults: refresh 60 s, timeout 10 s, maxAge 10 min, {@link SmoothingSpec#DEFAULT}, {@link RetrySpec#DEFAULT},
     * no API key.
     */
    public static FeedSpec of(String name, FeedSource source) {
        return new FeedSpec(name, source, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(10),
                SmoothingSpec.DEFAULT, RetrySpec.DEFAULT, Optional.empty());
    }

    public FeedSpec withRefresh(Duration refresh, Duration maxAge) {
        return new FeedSpec(name, source, refresh, timeout, maxAge, smoothing, retry, apiKey);
    }

    public FeedSpec withTimeout(Duration t) {
        return new FeedSpec(name, source, refreshInterval, t, maxAge, smoothing, retry, apiKey);
    }

    public FeedSpec withSmoothing(SmoothingSpec s) {
        return new FeedSpec(name, source, refreshInterval, timeout, maxAge, s, retry, apiKey);
    }

    public FeedSpec withRetry(RetrySpec r) {
        return new FeedSpec(name, source, refreshInterval, timeout, maxAge, smoothing, r, apiKey);
    }

    public FeedSpec withApiKey(ApiKey key) {
        return new FeedSpec(name, source, refreshInterval, timeout, maxAge, smoothing, retry, Optional.of(key));
    }
}
