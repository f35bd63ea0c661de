package io.gpushift.market;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of one feed field as the engine should see it.
 *
 * @param value            last good value: finite and {@code >= 0}; 0 when there never was one ({@link #hasValue()} false)
 * @param source           where it came from, e.g. {@code btc: coingecko https://api.coingecko.com/api/v3/simple/price /bitcoin/usd}
 * @param observedAt       when the value was current (payload timestamp if the source gives one, else fetch time);
 *                         {@link Instant#EPOCH} when there never was a value
 * @param fresh            true only if the latest refresh succeeded for this field and the value is within maxAge
 * @param reasonIfNotFresh null when fresh, otherwise {@code Kind: detail}, Kind one of {@code FeedUnreachable},
 *                         {@code ValueRejected}, {@code Stale}, {@code Missing}, {@code NoData}
 */
public record MarketValue(double value, String source, Instant observedAt, boolean fresh, String reasonIfNotFresh) {
    public MarketValue {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observedAt, "observedAt");
        if (!(value >= 0) || !Double.isFinite(value)) throw new IllegalArgumentException("invalid value " + value);
        if (fresh != (reasonIfNotFresh == null)) {
            throw new IllegalArgumentException("a reason is required exactly when not fresh");
        }
    }

    static MarketValue missing(String source, String reason) {
        return new MarketValue(0, source, Instant.EPOCH, false, reason);
    }

    /** False when no good value was ever observed (then {@link #value()} is a meaningless 0). */
    public boolean hasValue() {
        return !observedAt.equals(Instant.EPOCH);
    }

    /** Age at {@code now}, empty without a value. */
    public Optional<Duration> age(Instant now) {
        if (!hasValue()) return Optional.empty();
        Duration d = Duration.between(observedAt, now);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
    }

    private static final java.util.regex.Pattern AGE_NOTE = java.util.regex.Pattern.compile(" \\(last good value [^)]* old\\)$");
    private static final java.util.regex.Pattern STALE = java.util.regex.Pattern.compile("^Stale: last good value .* old > (maxAge .*)$");

    /**
     * The reason without the ages it mentions, so it stays the same while the cause lasts: Kubernetes conditions built
     * from it then change only when something happens, not every second. E.g. {@code Stale: older than maxAge 10m},
     * {@code FeedUnreachable: HTTP 503 after 3 attempts}. Empty when fresh.
     */
    public Optional<String> reasonWithoutAge() {
        if (reasonIfNotFresh == null) return Optional.empty();
        var stale = STALE.matcher(reasonIfNotFresh);
        if (stale.matches()) return Optional.of("Stale: older than " + stale.group(1));
        return Optional.of(AGE_NOTE.matcher(reasonIfNotFresh).replaceFirst(""));
    }

    /** The reason's kind, e.g. {@code Stale}; empty when fresh. */
    public Optional<String> reasonKind() {
        if (reasonIfNotFresh == null) return Optional.empty();
        int i = reasonIfNotFresh.indexOf(':');
        return Optional.of(i < 0 ? reasonIfNotFresh : reasonIfNotFresh.substring(0, i));
    }
}
