package io.gpushift.market.http;

import java.time.Instant;
import java.util.Optional;

/**
 * A refresh of one URL failed: connection error, timeout, non-2xx status after the allowed attempts, or a body over
 * the size limit. The message is the reason without secrets, e.g. {@code HTTP 503 after 3 attempts}.
 */
public final class FeedUnreachableException extends Exception {
    private final Instant notBefore;

    public FeedUnreachableException(String reason, Instant notBefore) {
        super(reason, null, false, false);
        this.notBefore = notBefore;
    }

    /** Set when the server asked (Retry-After) not to be called before this instant. */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }
}
