package io.gpushift.market.http;

import io.gpushift.market.spec.RetrySpec;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The one cache of HTTP responses, keyed by {@link RequestKey} (URL + headers). Any number of feeds that name the same
 * request cause one request per refresh:
 * <ul>
 *   <li>a response (or failure) younger than the caller's {@code maxAge} (its refresh interval) is reused;</li>
 *   <li>concurrent callers for the same key wait for the one request in flight;</li>
 *   <li>after a {@code Retry-After} the key is not requested again before that instant.</li>
 * </ul>
 * The first caller's timeout and retry settings apply to a shared request.
 */
public final class SharedFetchCache {
    private final HttpFetcher fetcher;
    private final Map<RequestKey, Entry> entries = new ConcurrentHashMap<>();

    public SharedFetchCache(HttpFetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    public HttpFetcher fetcher() {
        return fetcher;
    }

    private static final class Entry {
        Fetched last;
        FeedUnreachableException lastError;
        Instant lastErrorAt;
        Instant notBefore;
        CompletableFuture<Fetched> inFlight;
        Instant lastUsed;
    }

    /**
     * The response for {@code key}, from the cache when it is younger than {@code maxAge} at {@code now}.
     *
     * @throws FeedUnreachableException when the (possibly cached) last attempt failed
     */
    public Fetched get(RequestKey key, Instant now, Duration maxAge, Duration timeout, RetrySpec retry)
            throws FeedUnreachableException {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        CompletableFuture<Fetched> mine = null;
        CompletableFuture<Fetched> theirs;
        synchronized (e) {
            e.lastUsed = now;
            if (e.last != null && isYoung(e.last.fetchedAt(), now, maxAge)
                    && (e.lastErrorAt == null || !e.lastErrorAt.isAfter(e.last.fetchedAt()))) {
                return e.last;
            }
            if (e.lastError != null && isYoung(e.lastErrorAt, now, maxAge)) throw e.lastError;
            if (e.notBefore != null && now.isBefore(e.notBefore)) {
                throw new FeedUnreachableException("rate limited: server asked for no request before " + e.notBefore,
                        e.notBefore);
            }
            if (e.inFlight == null) {
                e.inFlight = mine = new CompletableFuture<>();
            }
            theirs = e.inFlight;
        }
        if (mine != null) {
            Fetched result = null;
            FeedUnreachableException error = null;
            try {
                result = fetcher.fetch(key, timeout, retry);
            } catch (FeedUnreachableException ex) {
                error = ex;
            } catch (RuntimeException ex) {
                error = new FeedUnreachableException("internal error: " + ex.getClass().getSimpleName(), null);
            }
            synchronized (e) {
                e.inFlight = null;
                if (error == null) {
                    e.last = result;
                    e.lastError = null;
                    e.lastErrorAt = null;
                    e.notBefore = null;
                } else {
                    e.lastError = error;
                    e.lastErrorAt = now;
                    e.notBefore = error.notBefore().orElse(null);
                }
            }
            if (error == null) {
                mine.complete(result);
                return result;
            }
            mine.completeExceptionally(error);
            throw error;
        }
        try {
            return theirs.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new FeedUnreachableException("interrupted", null);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof FeedUnreachableException f) throw f;
            throw new FeedUnreachableException("internal error", null);
        }
    }

    /** Drops entries not asked for since {@code now - idle}. */
    public int evictIdle(Instant now, Duration idle) {
        int before = entries.size();
        entries.entrySet().removeIf(en -> {
            synchronized (en.getValue()) {
                return en.getValue().inFlight == null && en.getValue().lastUsed != null
                        && en.getValue().lastUsed.plus(idle).isBefore(now);
            }
        });
        return before - entries.size();
    }

    public int size() {
        return entries.size();
    }

    private static boolean isYoung(Instant at, Instant now, Duration maxAge) {
        return at != null && Duration.between(at, now).compareTo(maxAge) < 0;
    }
}
