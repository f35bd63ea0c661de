package io.gpushift.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.MarketFeed;
import io.gpushift.api.v1alpha1.MarketFeedSpec;
import io.gpushift.api.v1alpha1.MarketFeedStatus;
import io.gpushift.market.MarketValue;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedStatusTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final String SOURCE = "coingecko http://127.0.0.1:1/api/v3/simple/price";

  @Test
  void aRefreshThatSeesNothingNewLeavesTheStatusAsItWas() {
    MarketFeed feed = feed();
    MarketFeedStatus first = FeedStatus.build(feed, Map.of("nunet", fresh(0.05, T0)), null, T0);
    feed.setStatus(first);

    MarketFeedStatus again = FeedStatus.build(feed, Map.of("nunet", fresh(0.05, T0.plusSeconds(60))), null,
        T0.plusSeconds(60));
    assertThat(Serialization.asJson(again)).as("same value: nothing to write").isEqualTo(Serialization.asJson(first));
    assertThat(again.fields.get(0).observedAt).isEqualTo(T0.toString());

    MarketFeedStatus moved = FeedStatus.build(feed, Map.of("nunet", fresh(0.06, T0.plusSeconds(120))), null,
        T0.plusSeconds(120));
    assertThat(moved.fields.get(0).observedAt).as("a new value, a new time").isEqualTo(T0.plusSeconds(120).toString());
    assertThat(moved.fields.get(0).value).isEqualTo(0.06);
  }

  private static MarketValue fresh(double value, Instant at) {
    return new MarketValue(value, SOURCE, at, true, null);
  }

  private static MarketFeed feed() {
    MarketFeed feed = new MarketFeed();
    feed.getMetadata().setName("prices");
    feed.getMetadata().setNamespace("ns");
    feed.getMetadata().setGeneration(1L);
    feed.setSpec(new MarketFeedSpec());
    return feed;
  }
}
