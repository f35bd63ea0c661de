package io.gpushift.market;

import io.gpushift.market.TestServer.Reply;
import io.gpushift.market.http.HttpFetcher;
import io.gpushift.market.http.SharedFetchCache;
import io.gpushift.market.spec.ApiKey;
import io.gpushift.market.spec.FeedSource;
import io.gpushift.market.spec.FeedSpec;
import io.gpushift.market.spec.OutlierRule;
import io.gpushift.market.spec.RetrySpec;
import io.gpushift.market.spec.SmoothingSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** End to end over 127.0.0.1: registration, refreshDue, the shared cache, smoothing, staleness and reasons. */
class MarketDataTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2025-05-16T15:05:00Z"));
    private final TestServer server = new TestServer(clock);
    private final HttpFetcher fetcher = new HttpFetcher(HttpClient.newHttpClient(), clock, clock,
            new SplittableRandom(3), 1 << 20);
    private final MarketData md = new MarketData(clock, new SharedFetchCache(fetcher));
    private static final RetrySpec FAST = new RetrySpec(3, Duration.ofSeconds(1), Duration.ofSeconds(4), 0.5,
            Duration.ofSeconds(30));

    @AfterEach
    void stop() {
        server.close();
    }

    private FeedSpec feed(String name, FeedSource src) {
        return FeedSpec.of(name, src).withRefresh(Duration.ofSeconds(60), Duration.ofMinutes(10))
                .withTimeout(Duration.ofSeconds(2)).withRetry(FAST).withSmoothing(SmoothingSpec.NONE);
    }

    private void tick(Duration d) {
        clock.advance(d);
        md.refreshDue(clock.instant());
    }

    @Test
    void whatToMineFeedEndToEnd() {
        server.resource("/coins.json", "wtm-coins.json").resource("/coins/1.json", "wtm-coin-1.json");
        md.register(feed("wtm", FeedSource.WhatToMine.of(server.base(), 1, 162, 340)));
        var report = md.refreshDue(clock.instant());
        assertThat(report.refreshed()).containsExactly("wtm");

        MarketValue btc = md.get("wtm", "1.exchangeRate");
        assertThat(btc.value()).isEqualTo(103663.0);
        assertThat(btc.fresh()).isTrue();
        assertThat(btc.reasonIfNotFresh()).isNull();
        assertThat(btc.observedAt()).isEqualTo(Instant.ofEpochSecond(1747407859));
        assertThat(btc.source()).isEqualTo("wtm: whattomine " + server.base() + "/coins/1.json /exchange_rate");

        MarketValue etc = md.get("wtm", "162.exchangeRate");
        assertThat(etc.value()).isCloseTo(0.0001812 * 103663.0, within(1e-9));
        assertThat(etc.source()).isEqualTo("wtm: whattomine " + server.base() + "/coins.json /coins/EthereumClassic/exchange_rate × "
                + server.base() + "/coins/1.json /exchange_rate");
        assertThat(md.get("wtm", "162.blockTimeSeconds").value()).isEqualTo(13.2);

        MarketValue erg = md.get("wtm", "340.exchangeRate");
        assertThat(erg.fresh()).isFalse();
        assertThat(erg.hasValue()).isFalse();
        assertThat(erg.reasonIfNotFresh()).isEqualTo("ValueRejected: /coins/Ergo/exchange_rate \"abc\" is not a number");
        assertThat(md.get("wtm", "340.blockReward").fresh()).isTrue();
        assertThat(report.problems()).containsKey("wtm");
        assertThat(server.count("/coins.json")).isEqualTo(1);
        assertThat(server.count("/coins/1.json")).isEqualTo(1);
    }

    @Test
    void coinGeckoFeedEndToEnd() {
        server.resource("/api/v3/simple/price", "coingecko-simple-price.json");
        md.register(feed("gecko", FeedSource.CoinGecko.of(server.base(), "ravencoin", "bitcoin")));
        md.refreshDue(clock.instant());
        assertThat(md.get("gecko", "bitcoin").value()).isEqualTo(103663.0);
        assertThat(md.get("gecko", "ravencoin").value()).isEqualTo(0.01617);
        assertThat(server.requests.get(0).query())
                .isEqualTo("ids=bitcoin%2Cravencoin&vs_currencies=usd&include_last_updated_at=true");
    }

    @Test
    void prometheusPowerPerGpuModel() {
        server.resource("/api/v1/query", "prometheus-power-by-model.json");
        md.register(feed("power", FeedSource.Prometheus.of(server.base(), "avg by (modelName) (DCGM_FI_DEV_POWER_USAGE)",
                "modelName")));
        md.refreshDue(clock.instant());
        assertThat(md.fields("power")).contains("NVIDIA H100 80GB HBM3", "NVIDIA GeForce RTX 3090");
        assertThat(md.get("power", "NVIDIA H100 80GB HBM3").value()).isEqualTo(612.5);
        assertThat(md.get("power", "NVIDIA A100-SXM4-40GB").reasonIfNotFresh()).contains("\"NaN\" is not a number");
        assertThat(md.get("power", "Tesla T4").reasonIfNotFresh()).isEqualTo("NoData: Tesla T4 is not in the response");
        assertThat(java.net.URLDecoder.decode(server.requests.get(0).query(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("query=avg by (modelName) (DCGM_FI_DEV_POWER_USAGE)");

        // A model disappears from the next result: its last value is kept, marked Missing.
        server.json("/api/v1/query", "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"modelName\":\"NVIDIA H100 80GB HBM3\"},\"value\":[1747408000,\"600\"]}]}}");
        tick(Duration.ofSeconds(60));
        assertThat(md.get("power", "NVIDIA H100 80GB HBM3").value()).isEqualTo(600);
        MarketValue gone = md.get("power", "NVIDIA GeForce RTX 3090");
        assertThat(gone.fresh()).isFalse();
        assertThat(gone.value()).isEqualTo(287.25);
        assertThat(gone.reasonIfNotFresh()).startsWith("Missing: NVIDIA GeForce RTX 3090 absent from the last response");
    }

    @Test
    void genericJsonWithUnitConversion() {
        server.resource("/lmp", "ercot-like.json");
        md.register(feed("power-price", FeedSource.Http.of(server.base() + "/lmp", "/data/0/lmp").withMultiplier(0.001, "$/kWh")));
        md.refreshDue(clock.instant());
        assertThat(md.get("power-price", "value").value()).isCloseTo(0.0321, within(1e-12));
    }

    @Test
    void tenFeedsNamingTheSameUrlCauseOneRequestPerRefresh() {
        server.resource("/api/v3/simple/price", "coingecko-simple-price.json");
        for (int i = 0; i < 10; i++) {
            md.register(feed("gecko-" + i, FeedSource.CoinGecko.of(server.base(), "bitcoin", "ergo")));
        }
        md.register(feed("gecko-other-order", FeedSource.CoinGecko.of(server.base(), "ergo", "bitcoin")));
        md.refreshDue(clock.instant());
        assertThat(server.count("/api/v3/simple/price")).isEqualTo(1);
        for (int i = 0; i < 10; i++) assertThat(md.get("gecko-" + i, "bitcoin").fresh()).isTrue();
        tick(Duration.ofSeconds(30)); // not due
        assertThat(server.count("/api/v3/simple/price")).isEqualTo(1);
        tick(Duration.ofSeconds(30));
        assertThat(server.count("/api/v3/simple/price")).isEqualTo(2);
    }

    @Test
    void feedDiesLastGoodValueIsHeldWithReasonThenStale() {
        AtomicReference<Reply> reply = new AtomicReference<>(Reply.json("{\"p\":42.5}"));
        server.route("/p", (n, ex) -> reply.get());
        md.register(feed("p", FeedSource.Http.of(server.base() + "/p", "/p")));
        md.refreshDue(clock.instant());
        Instant good = clock.instant();
        assertThat(md.get("p", "value").fresh()).isTrue();

        reply.set(Reply.status(503));
        tick(Duration.ofSeconds(60));
        MarketValue v = md.get("p", "value");
        assertThat(v.fresh()).isFalse();
        assertThat(v.value()).isEqualTo(42.5);
        assertThat(v.observedAt()).isEqualTo(good);
        assertThat(v.reasonIfNotFresh()).startsWith("FeedUnreachable: HTTP 503 after 3 attempts (last good value 1m");
        assertThat(v.reasonKind()).contains("FeedUnreachable");
        assertThat(v.reasonWithoutAge()).contains("FeedUnreachable: HTTP 503 after 3 attempts");

        reply.set(Reply.json("{\"p\": \"oops\"}"));
        tick(Duration.ofSeconds(60));
        assertThat(md.get("p", "value").reasonIfNotFresh())
                .startsWith("ValueRejected: /p \"oops\" is not a number (last good value");

        reply.set(Reply.json("{\"p\": 43"));
        tick(Duration.ofSeconds(60));
        assertThat(md.get("p", "value").reasonIfNotFresh()).startsWith("ValueRejected: malformed JSON");
        assertThat(md.get("p", "value").value()).isEqualTo(42.5);
        assertThat(md.age("p", "value", clock.instant())).hasValueSatisfying(a ->
                assertThat(a).isGreaterThanOrEqualTo(Duration.ofMinutes(3)));

        reply.set(Reply.json("{\"p\": 44}"));
        tick(Duration.ofSeconds(60));
        assertThat(md.get("p", "value").fresh()).isTrue();
        assertThat(md.get("p", "value").reasonWithoutAge()).isEmpty();
        assertThat(md.get("p", "value").value()).isEqualTo(44);
    }

    @Test
    void staleAfterMaxAgeWithoutRefreshes() {
        server.json("/p", "{\"p\":1}");
        md.register(feed("p", FeedSource.Http.of(server.base() + "/p", "/p")));
        md.refreshDue(clock.instant());
        clock.advance(Duration.ofMinutes(10));
        assertThat(md.get("p", "value").fresh()).isTrue();
        clock.advance(Duration.ofMinutes(7)); // no refreshDue calls: the operator loop stalled
        MarketValue v = md.get("p", "value");
        assertThat(v.fresh()).isFalse();
        assertThat(v.reasonIfNotFresh()).isEqualTo("Stale: last good value 17m old > maxAge 10m");
        assertThat(v.reasonWithoutAge()).contains("Stale: older than maxAge 10m");
        clock.advance(Duration.ofMinutes(5));
        assertThat(md.get("p", "value").reasonWithoutAge()).as("the same while the cause lasts")
                .contains("Stale: older than maxAge 10m");
        assertThat(v.value()).isEqualTo(1);
    }

    @Test
    void sourceTimestampsDriveStaleness() {
        // CoinGecko's last_updated_at stuck an hour ago: stale although every fetch succeeds.
        long old = clock.instant().minus(Duration.ofHours(1)).getEpochSecond();
        server.json("/api/v3/simple/price", "{\"bitcoin\":{\"usd\":100000,\"last_updated_at\":" + old + "}}");
        md.register(feed("g", FeedSource.CoinGecko.of(server.base(), "bitcoin")));
        md.refreshDue(clock.instant());
        assertThat(md.get("g", "bitcoin").reasonIfNotFresh()).isEqualTo("Stale: last good value 1h old > maxAge 10m");
    }

    @Test
    void riseConfirmedAfterNTicksAndSpikeRejected() {
        AtomicReference<String> price = new AtomicReference<>("100");
        server.route("/p", (n, ex) -> Reply.json("{\"p\":" + price.get() + "}"));
        md.register(feed("p", FeedSource.Http.of(server.base() + "/p", "/p"))
                .withSmoothing(new SmoothingSpec(5, OutlierRule.mad(3.5), SmoothingSpec.Method.LAST, 3, 0)));
        for (int i = 0; i < 5; i++) tick(Duration.ofSeconds(60));
        price.set("5000"); // spike
        tick(Duration.ofSeconds(60));
        assertThat(md.get("p", "value").value()).isEqualTo(100);
        assertThat(md.get("p", "value").fresh()).isTrue();
        price.set("104"); // sustained rise
        tick(Duration.ofSeconds(60));
        tick(Duration.ofSeconds(60));
        assertThat(md.get("p", "value").value()).isEqualTo(100);
        tick(Duration.ofSeconds(60));
        assertThat(md.get("p", "value").value()).isEqualTo(104);
    }

    @Test
    void sameCachedResponseIsNotCountedTwice() {
        AtomicReference<String> price = new AtomicReference<>("100");
        server.route("/p", (n, ex) -> Reply.json("{\"p\":" + price.get() + "}"));
        md.register(feed("p", FeedSource.Http.of(server.base() + "/p", "/p"))
                .withSmoothing(new SmoothingSpec(3, OutlierRule.none(), SmoothingSpec.Method.LAST, 2, 0)));
        md.refreshDue(clock.instant());
        price.set("110");
        clock.advance(Duration.ofSeconds(60));
        md.refreshDue(clock.instant());
        md.refresh("p", clock.instant()); // forced, but the cached response is the same: no second tick
        assertThat(md.get("p", "value").value()).isEqualTo(100);
        tick(Duration.ofSeconds(60));
        assertThat(md.get("p", "value").value()).isEqualTo(110);
        assertThat(server.count("/p")).isEqualTo(3);
    }

    @Test
    void rateLimitedFeedRespectsRetryAfterAcrossRefreshes() {
        server.route("/p", (n, ex) -> n == 0 ? Reply.json("{\"p\":1}")
                : n == 1 ? Reply.status(429).withHeader("Retry-After", "300") : Reply.json("{\"p\":2}"));
        md.register(feed("p", FeedSource.Http.of(server.base() + "/p", "/p")));
        md.refreshDue(clock.instant());
        tick(Duration.ofSeconds(60));
        assertThat(md.get("p", "value").reasonIfNotFresh()).startsWith("FeedUnreachable: HTTP 429, Retry-After 300s");
        Instant limitedAt = server.requestsTo("/p").get(1).at();
        for (int i = 0; i < 4; i++) tick(Duration.ofSeconds(60));
        assertThat(server.count("/p")).isEqualTo(2);
        assertThat(md.get("p", "value").reasonIfNotFresh()).startsWith("FeedUnreachable: rate limited");
        tick(Duration.ofSeconds(60));
        assertThat(server.count("/p")).isEqualTo(3);
        assertThat(server.requestsTo("/p").get(2).at()).isAfterOrEqualTo(limitedAt.plusSeconds(300));
        assertThat(md.get("p", "value").value()).isEqualTo(2);
    }

    @Test
    void slowFeedTimesOutAndHoldsLastValue() {
        AtomicReference<Long> delay = new AtomicReference<>(0L);
        server.route("/p", (n, ex) -> Reply.json("{\"p\":7}").delayed(delay.get()));
        md.register(feed("p", FeedSource.Http.of(server.base() + "/p", "/p")).withTimeout(Duration.ofMillis(150))
                .withRetry(new RetrySpec(2, Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO)));
        md.refreshDue(clock.instant());
        delay.set(2000L);
        tick(Duration.ofSeconds(60));
        MarketValue v = md.get("p", "value");
        assertThat(v.value()).isEqualTo(7);
        assertThat(v.reasonIfNotFresh()).startsWith("FeedUnreachable: timeout after 150ms (2 attempts)");
    }

    @Test
    void hugeAndNegativeNumbersNeverReachTheOutput() {
        AtomicReference<String> body = new AtomicReference<>("{\"p\":5}");
        server.route("/p", (n, ex) -> Reply.json(body.get()));
        md.register(feed("p", FeedSource.Http.of(server.base() + "/p", "/p")));
        md.refreshDue(clock.instant());
        for (String bad : new String[]{"{\"p\":-3}", "{\"p\":1e400}", "{\"p\":\"1e99\"}", "{\"p\":true}", "[]", "nope"}) {
            body.set(bad);
            tick(Duration.ofSeconds(60));
            MarketValue v = md.get("p", "value");
            assertThat(v.value()).as(bad).isEqualTo(5);
            assertThat(v.fresh()).as(bad).isFalse();
            assertThat(v.reasonIfNotFresh()).as(bad).startsWith("ValueRejected: ");
        }
    }

    @Test
    void apiKeyIsSentAndNeverShown() {
        server.json("/api/v3/simple/price", "{\"bitcoin\":{\"usd\":1}}");
        FeedSpec spec = feed("g", FeedSource.CoinGecko.of(server.base(), "bitcoin"))
                .withApiKey(ApiKey.of("x-cg-pro-api-key", "CG-s3cr3t"));
        md.register(spec);
        md.refreshDue(clock.instant());
        assertThat(server.requests.get(0).header("x-cg-pro-api-key")).isEqualTo("CG-s3cr3t");
        assertThat(spec.toString()).doesNotContain("CG-s3cr3t").contains("<redacted>");
        assertThat(md.get("g", "bitcoin").toString()).doesNotContain("CG-s3cr3t");
        assertThat(md.snapshot(clock.instant()).toString()).doesNotContain("CG-s3cr3t");
    }

    @Test
    void unknownNamesAndNeverFetched() {
        assertThat(md.get("nope", "x").reasonIfNotFresh()).isEqualTo("NoData: feed nope is not registered");
        md.register(feed("g", FeedSource.CoinGecko.of("http://127.0.0.1:1", "bitcoin")));
        MarketValue v = md.get("g", "bitcoin");
        assertThat(v.fresh()).isFalse();
        assertThat(v.hasValue()).isFalse();
        assertThat(v.reasonIfNotFresh()).isEqualTo("NoData: not fetched yet");
        assertThat(v.age(clock.instant())).isEmpty();
    }

    @Test
    void staticAndTariffFeedsAreAlwaysFresh() {
        md.register(FeedSpec.of("ai-price", new FeedSource.Static(java.util.Map.of("h100", 2.49), "$/GPU-h")));
        md.register(FeedSpec.of("power", new FeedSource.Tariff(java.time.ZoneId.of("America/Chicago"), 0.06,
                java.util.List.of(FeedSource.Tariff.Window.weekdays("14:00", "20:00", 0.25)))));
        assertThat(md.refreshDue(clock.instant()).refreshed()).isEmpty();
        clock.advance(Duration.ofDays(2));
        assertThat(md.get("ai-price", "h100").value()).isEqualTo(2.49);
        assertThat(md.get("ai-price", "h100").fresh()).isTrue();
        // 2025-05-18T15:05Z is Sunday 10:05 in Chicago: default price
        assertThat(md.get("power", "price").value()).isEqualTo(0.06);
        clock.set(Instant.parse("2025-05-19T20:00:00Z")); // Monday 15:00 CDT
        assertThat(md.get("power", "price").value()).isEqualTo(0.25);
        assertThat(md.get("power", "price").source()).contains("window");
    }

    @Test
    void reRegisteringKeepsOrResetsHistory() {
        server.json("/p", "{\"p\":9}");
        FeedSpec spec = feed("p", FeedSource.Http.of(server.base() + "/p", "/p"));
        md.register(spec);
        md.refreshDue(clock.instant());
        md.register(spec.withTimeout(Duration.ofSeconds(3)));
        assertThat(md.get("p", "value").hasValue()).isTrue();
        md.register(feed("p", FeedSource.Http.of(server.base() + "/p", "/q")));
        assertThat(md.get("p", "value").hasValue()).isFalse();
        assertThat(md.unregister("p")).isTrue();
        assertThat(md.feeds()).isEmpty();
    }

    @Test
    void snapshotForMetrics() {
        server.resource("/api/v3/simple/price", "coingecko-simple-price.json");
        md.register(feed("gecko", FeedSource.CoinGecko.of(server.base(), "bitcoin", "ergo")));
        md.refreshDue(clock.instant());
        var rows = md.snapshot(clock.instant().plusSeconds(30));
        assertThat(rows).hasSize(2);
        var btc = rows.stream().filter(r -> r.field().equals("bitcoin")).findFirst().orElseThrow();
        // observed at the payload's last_updated_at (1747407859 = 15:04:19Z), fetched at 15:05:00Z
        assertThat(btc.age()).contains(Duration.ofSeconds(41 + 30));
    }
}
