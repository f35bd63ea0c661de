package io.gpushift.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.translate.EngineInputs;
import io.gpushift.api.translate.FeedLookup;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.engine.model.MarketValue;
import io.gpushift.engine.model.Mode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-pool fallback: a pool whose electricity price is not fresh is decided as Paused, so every GPU holds. */
class MarketDataHookTest {

  static final GPUNodePool POOL = Serialization.unmarshal("""
      apiVersion: gpushift.io/v1alpha1
      kind: GPUNodePool
      metadata: {name: spot}
      spec:
        electricity: {feedRef: {namespace: feeds, name: ercot}}
        policy: {mode: Auto}
      """, GPUNodePool.class);

  @Test
  void staleElectricityHoldsThePoolAndFreshElectricityDoesNot() {
    MarketValue last = new MarketValue(0.031, "feeds.ercot: http", Instant.parse("2026-11-25T12:00:00Z"));
    var stale = new EngineInputs(ref -> FeedLookup.Resolution.unavailable(last, "Stale: older than maxAge 20m"))
        .poolWithInputs(POOL);
    var fresh = new EngineInputs(ref -> FeedLookup.Resolution.fresh(last)).poolWithInputs(POOL);

    assertThat(MarketDataHook.holdIfStale(stale).mode()).isEqualTo(Mode.PAUSED);
    assertThat(MarketDataHook.holdIfStale(stale).tariff().baseUsdPerKwh()).isEqualTo(last);
    assertThat(MarketDataHook.holdIfStale(fresh).mode()).isEqualTo(Mode.AUTO);
    assertThat(MarketDataCondition.of(stale, 1L, null).reason).isEqualTo("Stale");
    assertThat(MarketDataCondition.values(stale, null)).singleElement()
        .satisfies(v -> assertThat(v.feed).isEqualTo("feeds/ercot"));
  }
}
