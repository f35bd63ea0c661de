package io.gpushift.market.http;

import io.gpushift.market.ManualClock;
import io.gpushift.market.TestServer;
import io.gpushift.market.TestServer.Reply;
import io.gpushift.market.spec.RetrySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SharedFetchCacheTest {
    private final ManualClock clock = new ManualClock();
    private final TestServer server = new TestServer(clock);
    private final SharedFetchCache cache = new SharedFetchCache(
            new HttpFetcher(HttpClient.newHttpClient(), clock, clock, new SplittableRandom(7), 1 << 20));
    private static final Duration REFRESH = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @AfterEach
    void stop() {
        server.close();
    }

    private RequestKey key(String path) {
        return RequestKey.of(URI.create(server.base() + path));
    }

    @Test
    void tenSubscribersInOneRefreshCauseOneRequest() throws Exception {
        server.json("/p", "{}");
        for (int i = 0; i < 10; i++) cache.get(key("/p"), clock.instant(), REFRESH, TIMEOUT, RetrySpec.DEFAULT);
        assertThat(server.count("/p")).isEqualTo(1);
        clock.advance(REFRESH);
        for (int i = 0; i < 10; i++) cache.get(key("/p"), clock.instant(), REFRESH, TIMEOUT, RetrySpec.DEFAULT);
        assertThat(server.count("/p")).isEqualTo(2);
    }

    @Test
    void tenConcurrentSubscribersShareTheRequestInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.route("/slow", (n, ex) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.json("{\"n\":" + n + "}");
        });
        List<Future<Fetched>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                results.add(pool.submit(() -> cache.get(key("/slow"), clock.instant(), REFRESH, TIMEOUT, RetrySpec.DEFAULT)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> server.count("/slow") == 1);
            release.countDown();
            for (Future<Fetched> f : results) assertThat(new String(f.get().body())).isEqualTo("{\"n\":0}");
        }
        assertThat(server.count("/slow")).isEqualTo(1);
    }

    @Test
    void differentHeadersAreDifferentEntries() throws Exception {
        server.json("/p", "{}");
        URI u = URI.create(server.base() + "/p");
        cache.get(new RequestKey(u, Map.of("X-Key", "a")), clock.instant(), REFRESH, TIMEOUT, RetrySpec.DEFAULT);
        cache.get(new RequestKey(u, Map.of("x-key", "a")), clock.instant(), REFRESH, TIMEOUT, RetrySpec.DEFAULT);
        cache.get(new RequestKey(u, Map.of("X-Key", "b")), clock.instant(), REFRESH, TIMEOUT, RetrySpec.DEFAULT);
        assertThat(server.count("/p")).isEqualTo(2);
    }

    @Test
    void failuresAreSharedToo() {
        server.route("/p", (n, ex) -> Reply.status(503));
        RetrySpec two = new RetrySpec(2, Duration.ofMillis(10), Duration.ofMillis(10), 0, Duration.ZERO);
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> cache.get(key("/p"), clock.instant(), REFRESH, TIMEOUT, two))
                    .hasMessage("HTTP 503 after 2 attempts");
        }
        assertThat(server.count("/p")).isEqualTo(2);
    }

    @Test
    void retryAfterBlocksTheUrlUntilItPasses() throws Exception {
        server.route("/p", (n, ex) -> n == 0 ? Reply.status(429).withHeader("Retry-After", "600") : Reply.json("{}"));
        assertThatThrownBy(() -> cache.get(key("/p"), clock.instant(), REFRESH, TIMEOUT, RetrySpec.DEFAULT))
                .hasMessageContaining("Retry-After 600s");
        clock.advance(Duration.ofSeconds(120)); // next refreshes: no request before the server's time
        assertThatThrownBy(() -> cache.get(key("/p"), clock.instant(), REFRESH, TIMEOUT, RetrySpec.DEFAULT))
                .hasMessageStartingWith("rate limited");
        assertThat(server.count("/p")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(480));
        cache.get(key("/p"), clock.instant(), REFRESH, TIMEOUT, RetrySpec.DEFAULT);
        assertThat(server.count("/p")).isEqualTo(2);
    }

    @Test
    void idleEntriesAreEvicted() throws Exception {
        server.json("/p", "{}");
        cache.get(key("/p"), clock.instant(), REFRESH, TIMEOUT, RetrySpec.DEFAULT);
        assertThat(cache.evictIdle(clock.instant(), Duration.ofHours(1))).isZero();
        clock.advance(Duration.ofHours(2));
        assertThat(cache.evictIdle(clock.instant(), Duration.ofHours(1))).isEqualTo(1);
        assertThat(cache.size()).isZero();
    }
}
