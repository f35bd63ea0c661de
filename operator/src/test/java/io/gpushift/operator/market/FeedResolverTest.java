package io.gpushift.operator.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpushift.api.translate.FeedLookup.Resolution;
import io.gpushift.api.v1alpha1.FeedRef;
import io.gpushift.market.MarketData;
import io.gpushift.market.spec.FeedSource;
import io.gpushift.market.spec.FeedSpec;
import io.gpushift.market.spec.RetrySpec;
import io.gpushift.operator.metrics.GpuShiftMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FeedRef → value: namespace and field defaults, and reasons that name the feed and carry no age. */
class FeedResolverTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final MarketFeeds feeds = new MarketFeeds(MarketData.create(Clock.systemUTC()), Clock.systemUTC(),
      new GpuShiftMetrics(registry), Duration.ofHours(1));

  @AfterEach
  void close() {
    feeds.close();
  }

  @Test
  void namespaceDefaultsToTheReferringObjectsAndASingleFieldNeedsNoName() {
    feeds.register("tenant", "rates", FeedSpec.of("tenant.rates", new FeedSource.Static(Map.of("h100", 2.35), "")));

    Resolution r = new FeedResolver(feeds, "tenant").resolve(new FeedRef("rates", null));

    assertThat(r.fresh()).isTrue();
    assertThat(r.value().value()).isEqualTo(2.35);
    assertThat(r.value().source()).contains("tenant.rates").contains("static");
    assertThat(new FeedResolver(feeds, "other").resolve(new FeedRef("rates", "h100")).reason())
        .isEqualTo("FeedNotFound: no MarketFeed other/rates (or not reconciled yet)");
    assertThat(new FeedResolver(feeds, "other").resolve(new FeedRef("tenant", "rates", "h100")).fresh()).isTrue();
    assertThat(new FeedResolver(feeds, null).resolve(new FeedRef("rates", "h100")).reason())
        .startsWith("FeedNotFound").contains("names no namespace");
  }

  @Test
  void severalFieldsNeedAFieldNameAndAnUnusableFeedSaysWhy() {
    feeds.register("m", "two", FeedSpec.of("m.two", new FeedSource.Static(Map.of("a", 1.0, "b", 2.0), "")));
    assertThat(new FeedResolver(feeds, "m").resolve(new FeedRef("two", null)).reason())
        .startsWith("NoData: feed m/two publishes [a, b]; set feedRef.field");

    feeds.unavailable("m", "two", "spec.apiKey.secretKeyRef: Secret m/cg not found");
    Resolution r = new FeedResolver(feeds, "m").resolve(new FeedRef("two", "a"));
    assertThat(r.fresh()).isFalse();
    assertThat(r.value()).isNull();
    assertThat(r.reason()).isEqualTo("FeedInvalid: feed m/two: spec.apiKey.secretKeyRef: Secret m/cg not found");
  }

  @Test
  void anUnreachableFeedHasNoValueAndAReasonWithoutAge() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    feeds.register("m", "cg", FeedSpec.of("m.cg", FeedSource.CoinGecko.of("http://127.0.0.1:" + closed, "nunet"))
        .withRetry(RetrySpec.NONE).withTimeout(Duration.ofSeconds(1)));
    assertThat(new FeedResolver(feeds, "m").resolve(new FeedRef("cg", "nunet")).reason())
        .isEqualTo("NoData: feed m/cg field nunet: not fetched yet");

    feeds.tick();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
        new FeedResolver(feeds, "m").resolve(new FeedRef("cg", "nunet")).reason().startsWith("FeedUnreachable"));
    Resolution r = new FeedResolver(feeds, "m").resolve(new FeedRef("cg", "nunet"));
    assertThat(r.value()).isNull();
    assertThat(r.reason()).startsWith("FeedUnreachable: feed m/cg field nunet: connection failed").doesNotContain(" old");
  }
}
