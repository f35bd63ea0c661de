package io.gpushift.market.http;

import io.gpushift.market.ManualClock;
import io.gpushift.market.TestServer;
import io.gpushift.market.TestServer.Reply;
import io.gpushift.market.spec.RetrySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpFetcherTest {
    private final ManualClock clock = new ManualClock();
    private final TestServer server = new TestServer(clock);
    private final HttpFetcher fetcher = new HttpFetcher(HttpClient.newHttpClient(), clock, clock,
            new SplittableRandom(42), 64 * 1024);
    private static final RetrySpec RETRY = new RetrySpec(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.0,
            Duration.ofSeconds(60));
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @AfterEach
    void stop() {
        server.close();
    }

    private RequestKey key(String path) {
        return RequestKey.of(URI.create(server.base() + path));
    }

    @Test
    void fiveHundredsAreRetriedWithExponentialBackoffThenSucceed() throws Exception {
        server.route("/p", (n, ex) -> n < 2 ? Reply.status(n == 0 ? 500 : 503) : Reply.json("{\"v\":1}"));
        Instant t0 = clock.instant();
        Fetched f = fetcher.fetch(key("/p"), TIMEOUT, RETRY);
        assertThat(new String(f.body(), StandardCharsets.UTF_8)).isEqualTo("{\"v\":1}");
        assertThat(f.attempts()).isEqualTo(3);
        assertThat(server.requestsTo("/p")).extracting(TestServer.Seen::at)
                .containsExactly(t0, t0.plusSeconds(1), t0.plusSeconds(3)); // 1 s, then 2 s
        assertThat(f.fetchedAt()).isEqualTo(t0.plusSeconds(3));
    }

    @Test
    void fiveHundredsExhaustAttempts() {
        server.route("/p", (n, ex) -> Reply.status(503));
        assertThatThrownBy(() -> fetcher.fetch(key("/p"), TIMEOUT, RETRY))
                .isInstanceOf(FeedUnreachableException.class).hasMessage("HTTP 503 after 3 attempts");
        assertThat(server.count("/p")).isEqualTo(3);
    }

    @Test
    void fourHundredsAreNotRetried() {
        server.route("/p", (n, ex) -> Reply.status(404));
        assertThatThrownBy(() -> fetcher.fetch(key("/p"), TIMEOUT, RETRY)).hasMessage("HTTP 404 (not retried)");
        server.route("/q", (n, ex) -> Reply.status(401));
        assertThatThrownBy(() -> fetcher.fetch(key("/q"), TIMEOUT, RETRY)).hasMessage("HTTP 401 (not retried)");
        assertThat(server.count("/p") + server.count("/q")).isEqualTo(2);
    }

    @Test
    void retryAfterSecondsIsRespected() throws Exception {
        server.route("/p", (n, ex) -> n == 0 ? Reply.status(429).withHeader("Retry-After", "7") : Reply.json("{}"));
        Instant t0 = clock.instant();
        fetcher.fetch(key("/p"), TIMEOUT, RETRY);
        assertThat(server.requestsTo("/p")).extracting(TestServer.Seen::at).containsExactly(t0, t0.plusSeconds(7));
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterHttpDateIsRespected() throws Exception {
        Instant t0 = clock.instant();
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(t0.plusSeconds(12).atZone(java.time.ZoneOffset.UTC));
        server.route("/p", (n, ex) -> n == 0 ? Reply.status(429).withHeader("Retry-After", date) : Reply.json("{}"));
        fetcher.fetch(key("/p"), TIMEOUT, RETRY);
        assertThat(server.requestsTo("/p")).extracting(TestServer.Seen::at).containsExactly(t0, t0.plusSeconds(12));
    }

    @Test
    void retryAfterShorterThanBackoffUsesBackoff() throws Exception {
        RetrySpec slow = new RetrySpec(3, Duration.ofSeconds(5), Duration.ofSeconds(30), 0.0, Duration.ofSeconds(60));
        server.route("/p", (n, ex) -> n == 0 ? Reply.status(429).withHeader("Retry-After", "1") : Reply.json("{}"));
        fetcher.fetch(key("/p"), TIMEOUT, slow);
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterBeyondLimitEndsTheRefreshAndSetsNotBefore() {
        server.route("/p", (n, ex) -> Reply.status(429).withHeader("Retry-After", "3600"));
        Instant t0 = clock.instant();
        assertThatThrownBy(() -> fetcher.fetch(key("/p"), TIMEOUT, RETRY))
                .isInstanceOfSatisfying(FeedUnreachableException.class, e -> {
                    assertThat(e).hasMessage("HTTP 429, Retry-After 3600s exceeds maxRetryAfter 60s");
                    assertThat(e.notBefore()).contains(t0.plusSeconds(3600));
                });
        assertThat(server.count("/p")).isEqualTo(1);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void slowResponsesTimeOut() {
        server.route("/slow", (n, ex) -> Reply.json("{}").delayed(3000));
        RetrySpec twice = new RetrySpec(2, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO);
        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher.fetch(key("/slow"), Duration.ofMillis(200), twice))
                .hasMessage("timeout after 200ms (2 attempts)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void oversizedBodiesAreRefused() {
        server.json("/big", "[" + "1,".repeat(40_000) + "1]");
        assertThatThrownBy(() -> fetcher.fetch(key("/big"), TIMEOUT, RETRY))
                .hasMessage("response body larger than 65536 bytes");
        assertThat(server.count("/big")).isEqualTo(1);
    }

    @Test
    void connectionRefusedIsRetriedAndReported() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RequestKey dead = RequestKey.of(URI.create("http://127.0.0.1:" + port + "/x"));
        assertThatThrownBy(() -> fetcher.fetch(dead, TIMEOUT, RETRY))
                .isInstanceOf(FeedUnreachableException.class).hasMessageContaining("connection failed")
                .hasMessageEndingWith("(3 attempts)");
    }

    @Test
    void headersAreSentButNeverPrinted() throws Exception {
        server.json("/p", "{}");
        RequestKey k = new RequestKey(URI.create(server.base() + "/p"), Map.of("Authorization", "Token s3cr3t"));
        fetcher.fetch(k, TIMEOUT, RETRY);
        assertThat(server.requestsTo("/p").get(0).header("Authorization")).isEqualTo("Token s3cr3t");
        assertThat(k.toString()).doesNotContain("s3cr3t").contains("authorization");
    }

    @Test
    void backoffGrowsCapsAndJitters() {
        RetrySpec spec = new RetrySpec(10, Duration.ofSeconds(1), Duration.ofSeconds(10), 0.5, Duration.ZERO);
        var rnd = new SplittableRandom(1);
        for (int attempt = 1; attempt <= 10; attempt++) {
            long nominal = Math.min(10_000, 1000L << (attempt - 1));
            Duration d = Backoff.delay(spec, attempt, rnd);
            assertThat(d.toMillis()).isBetween(nominal / 2, nominal);
        }
        assertThat(Backoff.delay(spec, 1000, rnd).toMillis()).isLessThanOrEqualTo(10_000);
        assertThat(Backoff.retryAfter("abc", Instant.EPOCH)).isEmpty();
        assertThat(Backoff.retryAfter(" 5 ", Instant.EPOCH)).contains(Duration.ofSeconds(5));
        assertThat(Backoff.retryAfter("Thu, 01 Jan 1970 00:00:00 GMT", Instant.ofEpochSecond(100))).contains(Duration.ZERO);
    }
}
