package io.gpushift.operator.decide;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.MarketValue;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningRevenue;
import io.gpushift.engine.model.NodePool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The feed-backed figures (value, source, age) behind a move, for its explanation: the market values of the options
 * the GPUs leave and join, and of the pool's electricity price. Static values (no observation time) are not cited.
 */
final class Citations {

  private final Map<String, List<MarketValue>> byOption = new HashMap<>();
  private final List<MarketValue> electricity = new ArrayList<>();
  private final Instant now;

  Citations(Snapshot snapshot) {
    this.now = snapshot.now();
    for (MiningOption m : snapshot.mining()) {
      List<MarketValue> v = new ArrayList<>();
      switch (m.revenue()) {
        case MiningRevenue.Network n -> {
          v.add(n.blockReward());
          v.add(n.networkHashrate());
          v.add(n.coinPriceUsd());
        }
        case MiningRevenue.Hashprice h -> {
          v.add(h.usdPerHashPerDay());
          v.add(h.coinPriceUsd());
        }
      }
      byOption.put(m.id(), v);
    }
    for (AiOption a : snapshot.ai()) {
      List<MarketValue> v = new ArrayList<>(a.revenuePerGpuHour().values());
      v.add(a.tokenPriceUsd());
      byOption.put(a.id(), v);
    }
    for (NodePool p : snapshot.pools()) electricity.add(p.tariff().baseUsdPerKwh());
  }

  /** {@code "; market data: …"} or empty when none of the figures came from a feed. */
  String of(String from, String to) {
    List<String> cited = new ArrayList<>();
    for (String option : List.of(from, to)) {
      for (MarketValue v : byOption.getOrDefault(option, List.of())) cite(option, v, cited);
    }
    electricity.forEach(v -> cite("electricity", v, cited));
    return cited.isEmpty() ? "" : "; market data: " + String.join("; ", cited);
  }

  private void cite(String what, MarketValue v, List<String> out) {
    if (v == null || v.observedAt() == null) return;
    Duration age = Duration.between(v.observedAt(), now);
    out.add(String.format(Locale.ROOT, "%s %.6g from %s, %ds old", what, v.value(), v.source(),
        Math.max(0, age.toSeconds())));
  }
}
