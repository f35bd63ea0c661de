package io.gpushift.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpushift.api.translate.EngineInputs.Translated;
import io.gpushift.api.translate.FeedInput;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.FeedRef;
import io.gpushift.engine.model.MarketValue;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MarketDataFresh: NoFeeds, Fresh, Stale (only age) or FeedUnavailable, naming field and feed. */
class MarketDataConditionTest {

  static final Instant SEEN = Instant.parse("2026-11-25T12:00:00Z");
  static final String FIELD = "spec.profiles[0].tokenPriceUsd";

  static Translated<Object> translated(FeedInput... inputs) {
    List<String> stale = java.util.Arrays.stream(inputs).filter(i -> !i.fresh()).map(i -> i.field() + ": " + i.reason())
        .toList();
    return new Translated<>(new Object(), stale, List.of(inputs));
  }

  static FeedInput input(MarketValue v, String reason) {
    return new FeedInput(FIELD, new FeedRef("prices", "nunet"), v, reason == null, reason);
  }

  @Test
  void staticOnlyIsNoFeedsAndFreshListsTheValuesUsed() {
    assertThat(MarketDataCondition.of(translated(), 3L, "ai").reason).isEqualTo("NoFeeds");
    assertThat(MarketDataCondition.values(translated(), "ai")).isNull();

    Condition fresh = MarketDataCondition.of(translated(input(new MarketValue(0.05, "src", SEEN), null)), 3L, "ai");
    assertThat(fresh.status.name()).isEqualTo("True");
    assertThat(fresh.reason).isEqualTo("Fresh");
    assertThat(fresh.message).contains(FIELD + " = 0.05 (ai/prices nunet)");
    assertThat(fresh.observedGeneration).isEqualTo(3L);

    // A measurement with a typed fallback that is unusable holds nothing but is named.
    FeedInput watts = new FeedInput("spec.profiles[0].measuredWatts", new FeedRef("dcgm", "NVIDIA H100 80GB HBM3"),
        null, false, "FeedNotFound: no MarketFeed ai/dcgm; typed watts 700 used");
    Condition fallback = MarketDataCondition.of(new Translated<>(new Object(), List.of(), List.of(watts)), 3L, "ai");
    assertThat(fallback.reason).isEqualTo("Fresh");
    assertThat(fallback.message).contains("typed watts 700 used");
  }

  @Test
  void onlyAgeIsStaleAnythingElseIsFeedUnavailable() {
    String stale = "Stale: feed ai/prices field nunet: older than maxAge 4s; last good value 0.05 observed " + SEEN;
    Condition c = MarketDataCondition.of(translated(input(new MarketValue(0.05, "src", SEEN), stale)), 1L, "ai");
    assertThat(c.status.name()).isEqualTo("False");
    assertThat(c.reason).isEqualTo("Stale");
    assertThat(c.message).startsWith("holding:").contains(FIELD + ": " + stale);

    String dead = "FeedUnreachable: feed ai/prices field nunet: connection failed";
    assertThat(MarketDataCondition.of(translated(input(new MarketValue(0.05, "src", SEEN), dead)), 1L, "ai").reason)
        .isEqualTo("FeedUnavailable");
    assertThat(MarketDataCondition.of(translated(input(null, "Stale: never")), 1L, "ai").reason)
        .as("no value at all is never merely stale").isEqualTo("FeedUnavailable");
  }

  @Test
  void statusValuesCarryValueSourceAndObservationTime() {
    var values = MarketDataCondition.values(translated(input(new MarketValue(0.05, "ai.prices: coingecko", SEEN), null),
        input(null, "NoData: feed ai/prices field nunet: not fetched yet")), "ai");
    assertThat(values).hasSize(2);
    assertThat(values.get(0).value).isEqualTo(0.05);
    assertThat(values.get(0).source).isEqualTo("ai.prices: coingecko");
    assertThat(values.get(0).observedAt).isEqualTo("2026-11-25T12:00:00Z");
    assertThat(values.get(0).feed).isEqualTo("ai/prices nunet");
    assertThat(values.get(1).value).isNull();
    assertThat(values.get(1).fresh).isFalse();
    assertThat(values.get(1).reason).contains("not fetched yet");
  }

  @Test
  void aRefreshThatObservesTheSameValueKeepsTheWrittenObservationTime() {
    var written = MarketDataCondition.values(translated(input(new MarketValue(0.05, "src", SEEN), null)), "ai");
    Instant later = SEEN.plusSeconds(60);

    var sameValue = MarketDataCondition.values(translated(input(new MarketValue(0.05, "src", later), null)), "ai",
        written);
    assertThat(sameValue.get(0).observedAt).as("only the time changed: status stays as written")
        .isEqualTo(SEEN.toString());

    var newValue = MarketDataCondition.values(translated(input(new MarketValue(0.06, "src", later), null)), "ai",
        written);
    assertThat(newValue.get(0).observedAt).isEqualTo(later.toString());
    var stale = MarketDataCondition.values(translated(input(new MarketValue(0.05, "src", later), "Stale: old")),
        "ai", written);
    assertThat(stale.get(0).observedAt).as("freshness changed").isEqualTo(later.toString());
  }
}
