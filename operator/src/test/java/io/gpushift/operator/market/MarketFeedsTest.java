package io.gpushift.operator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.gpushift.market.MarketData;
import io.gpushift.market.spec.FeedSource;
import io.gpushift.market.spec.FeedSpec;
import io.gpushift.market.spec.OutlierRule;
import io.gpushift.market.spec.RetrySpec;
import io.gpushift.market.spec.SmoothingSpec;
import io.gpushift.operator.metrics.GpuShiftMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners hear "refreshed" on every refresh but "confirmed change" only when a published value moves: a rise counts
 * after its confirmations, so decision loops are not woken by noise. Driven by a hand-moved clock.
 */
class MarketFeedsTest {

  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
  final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final MarketFeeds feeds = new MarketFeeds(MarketData.create(clock), clock, new GpuShiftMetrics(registry),
      Duration.ofHours(1));
  final List<String> heard = new CopyOnWriteArrayList<>();
  final AtomicReference<String> price = new AtomicReference<>("1.0");
  final AtomicInteger requests = new AtomicInteger();
  HttpServer server;

  @AfterEach
  void stop() {
    feeds.close();
    if (server != null) server.stop(0);
  }

  @Test
  void aRiseWakesTheLoopsOnlyOnceConfirmedAndTheAgeIsExported() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v3/simple/price", ex -> {
      requests.incrementAndGet();
      byte[] body = ("{\"nunet\":{\"usd\":" + price.get() + "}}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    // Each event with the value published when it was sent: a late event of an earlier round is then told apart.
    feeds.addListener((ns, name, confirmed) -> heard.add(ns + "/" + name + " " + confirmed + " @"
        + feeds.get(ns, name, "nunet").value()));
    feeds.register("m", "cg", FeedSpec.of("m.cg", FeedSource.CoinGecko.of("http://127.0.0.1:"
            + server.getAddress().getPort(), "nunet")).withRetry(RetrySpec.NONE)
        .withRefresh(Duration.ofSeconds(1), Duration.ofSeconds(10))
        .withSmoothing(new SmoothingSpec(3, OutlierRule.none(), SmoothingSpec.Method.LAST, 2, 0)));
    assertThat(heard).containsExactly("m/cg true @0.0");

    round(1);
    await().until(() -> feeds.get("m", "cg", "nunet").fresh());

    price.set("2.0");
    round(2);
    await().until(() -> heard.contains("m/cg false @1.0"));
    assertThat(heard).doesNotContain("m/cg true @2.0");
    assertThat(feeds.get("m", "cg", "nunet").value()).as("one higher observation: not yet").isEqualTo(1.0);

    round(3);
    await().until(() -> heard.contains("m/cg true @2.0"));
    assertThat(feeds.get("m", "cg", "nunet").value()).as("confirmed by the second").isEqualTo(2.0);

    now.set(now.get().plusSeconds(5));
    feeds.tick();
    assertThat(registry.find("gpushift.market.data.age.seconds").tag("feed", "m/cg").tag("field", "nunet").gauge()
        .value()).isEqualTo(5.0);

    feeds.remove("m", "cg");
    assertThat(registry.find("gpushift.market.data.age.seconds").tag("feed", "m/cg").gauges()).isEmpty();
    assertThat(feeds.registered("m", "cg")).isFalse();
  }

  /** Moves the clock past the refresh interval and runs one round, waiting for its request. */
  private void round(int expectedRequests) {
    now.set(now.get().plusSeconds(2));
    feeds.tick();
    await().until(() -> requests.get() >= expectedRequests);
  }
}
