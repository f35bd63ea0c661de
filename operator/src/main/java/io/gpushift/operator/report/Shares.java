package io.gpushift.operator.report;

import io.gpushift.operator.decide.OptionOutcome;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Sums of one option's outcomes over the pools that give it GPUs. */
final class Shares {

  private Shares() {
  }

  static Map<String, Integer> gpusByProduct(Collection<OptionOutcome> shares) {
    Map<String, Integer> sum = new TreeMap<>();
    shares.forEach(s -> s.gpusByProduct().forEach((p, g) -> sum.merge(p, g, Integer::sum)));
    return sum;
  }

  static int gpus(Collection<OptionOutcome> shares) {
    return shares.stream().mapToInt(OptionOutcome::gpus).sum();
  }

  static double revenue(Collection<OptionOutcome> shares) {
    return round(shares.stream().mapToDouble(OptionOutcome::revenueUsdPerHour).sum());
  }

  static double power(Collection<OptionOutcome> shares) {
    return round(shares.stream().mapToDouble(OptionOutcome::powerUsdPerHour).sum());
  }

  /** Per GPU product, the best profit per GPU-hour over the pools (where electricity is cheapest); priced ones only. */
  static Map<String, Double> bestProfitByProduct(Collection<OptionOutcome> shares) {
    Map<String, Double> best = new TreeMap<>();
    shares.forEach(s -> s.rates().forEach((product, rate) -> {
      if (Double.isFinite(rate.profit())) {
        best.merge(product, rate.profit(), Math::max);
      }
    }));
    return best;
  }

  static Optional<Map.Entry<String, Double>> best(Map<String, Double> byProduct) {
    return byProduct.entrySet().stream().max(Map.Entry.comparingByValue());
  }

  static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
