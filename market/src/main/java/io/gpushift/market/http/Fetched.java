package io.gpushift.market.http;

import java.time.Instant;

/**
 * A successful (2xx) response body.
 *
 * @param fetchedAt clock time when the body was complete; identical for every subscriber served from the cache
 * @param attempts  attempts it took
 */
public record Fetched(RequestKey key, byte[] body, Instant fetchedAt, int attempts) {
}
