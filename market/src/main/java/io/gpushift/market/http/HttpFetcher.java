package io.gpushift.market.http;

import io.gpushift.market.spec.RetrySpec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * One refresh of one URL with {@link java.net.http.HttpClient}: per-attempt timeout covering headers and body, body
 * size limit, retry with exponential backoff and jitter. 5xx, 408, timeouts and connection errors are retried; 429 and
 * 503 honour {@code Retry-After}; other 4xx are not retried. Never logs header values.
 */
public final class HttpFetcher {
    private static final System.Logger LOG = System.getLogger(HttpFetcher.class.getName());
    /** Default body limit: real payloads are a few hundred KiB at most (WhatToMine /coins.json ~100 KiB). */
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;

    private final HttpClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final long maxBodyBytes;
    private final AtomicLong requestsSent = new AtomicLong();

    public HttpFetcher(HttpClient client, Clock clock, Sleeper sleeper, RandomGenerator random, long maxBodyBytes) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes must be > 0");
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Real HTTP client, real sleeping. */
    public static HttpFetcher create(Clock clock) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new HttpFetcher(client, clock, Sleeper.REAL, RandomGenerator.getDefault(), DEFAULT_MAX_BODY_BYTES);
    }

    /** HTTP requests sent so far (every attempt counts). */
    public long requestsSent() {
        return requestsSent.get();
    }

    public Clock clock() {
        return clock;
    }

    public Fetched fetch(RequestKey key, Duration timeout, RetrySpec retry) throws FeedUnreachableException {
        String lastFailure = "no attempt";
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<byte[]> response = send(key, timeout);
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Fetched(key, response.body(), clock.instant(), attempt);
                }
                lastFailure = "HTTP " + status;
                boolean retryable = status >= 500 || status == 429 || status == 408;
                if (!retryable) {
                    throw new FeedUnreachableException("HTTP " + status + " (not retried)", null);
                }
                Duration backoff = Backoff.delay(retry, attempt, random);
                var retryAfter = (status == 429 || status == 503)
                        ? Backoff.retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock.instant())
                        : java.util.Optional.<Duration>empty();
                if (retryAfter.isPresent()) {
                    Instant notBefore = clock.instant().plus(retryAfter.get());
                    if (retryAfter.get().compareTo(retry.maxRetryAfter()) > 0) {
                        throw new FeedUnreachableException(lastFailure + ", Retry-After " + retryAfter.get().toSeconds()
                                + "s exceeds maxRetryAfter " + retry.maxRetryAfter().toSeconds() + "s", notBefore);
                    }
                    if (attempt >= retry.maxAttempts()) {
                        throw new FeedUnreachableException(lastFailure + " after " + attempt + " attempts", notBefore);
                    }
                    wait = retryAfter.get().compareTo(backoff) > 0 ? retryAfter.get() : backoff;
                } else {
                    if (attempt >= retry.maxAttempts()) {
                        throw new FeedUnreachableException(lastFailure + " after " + attempt + " attempts", null);
                    }
                    wait = backoff;
                }
            } catch (TimeoutException | HttpTimeoutException e) {
                lastFailure = "timeout after " + timeout.toMillis() + "ms";
                if (attempt >= retry.maxAttempts()) {
                    throw new FeedUnreachableException(lastFailure + " (" + attempt + " attempts)", null);
                }
                wait = Backoff.delay(retry, attempt, random);
            } catch (BodyTooLargeException e) {
                throw new FeedUnreachableException("response body larger than " + maxBodyBytes + " bytes", null);
            } catch (IOException e) {
                lastFailure = "connection failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + truncate(e.getMessage()));
                if (attempt >= retry.maxAttempts()) {
                    throw new FeedUnreachableException(lastFailure + " (" + attempt + " attempts)", null);
                }
                wait = Backoff.delay(retry, attempt, random);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FeedUnreachableException("interrupted", null);
            }
            final Duration pause = wait;
            final String why = lastFailure;
            LOG.log(System.Logger.Level.DEBUG, () -> key + ": " + why + ", retrying in " + pause.toMillis() + "ms");
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FeedUnreachableException(lastFailure + " (interrupted while backing off)", null);
            }
        }
    }

    private HttpResponse<byte[]> send(RequestKey key, Duration timeout)
            throws IOException, InterruptedException, TimeoutException, BodyTooLargeException {
        HttpRequest.Builder b = HttpRequest.newBuilder(key.url()).GET().timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "gpushift-market/0.1");
        key.headers().forEach(b::header);
        requestsSent.incrementAndGet();
        CompletableFuture<HttpResponse<byte[]>> f =
                client.sendAsync(b.build(), info -> new LimitedBody(maxBodyBytes));
        try {
            // The request timeout covers the wait for headers; this covers a slow body as well.
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
                c = c.getCause();
            }
            if (c instanceof BodyTooLargeException t) throw t;
            if (c instanceof IOException io) {
                if (io.getCause() instanceof BodyTooLargeException t) throw t;
                throw io;
            }
            throw new IOException(c == null ? "unknown" : c.getClass().getSimpleName(), c);
        }
    }

    private static String truncate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("body too large", null);
        }
    }

    /** Collects the body up to a limit; beyond it, cancels and fails. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final long limit;
        private Flow.Subscription subscription;

        LimitedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletableFuture<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) return;
            for (ByteBuffer buf : items) {
                if (out.size() + (long) buf.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLargeException());
                    return;
                }
                byte[] chunk = new byte[buf.remaining()];
                buf.get(chunk);
                out.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
