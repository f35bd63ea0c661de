package io.gpushift.operator.decide;

import io.fabric8.kubernetes.api.model.Quantity;
import io.gpushift.api.v1alpha1.AIProfile;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.AIWorkloadSpec;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.api.v1alpha1.MiningPoolSpec;
import io.gpushift.api.v1alpha1.Policy;
import io.gpushift.api.v1alpha1.ValueSource;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Commitment;
import io.gpushift.engine.model.DisruptionBudget;
import io.gpushift.engine.model.Hysteresis;
import io.gpushift.engine.model.MarketValue;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningProfile;
import io.gpushift.engine.model.MiningRevenue;
import io.gpushift.engine.model.Mode;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.model.Tariff;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Custom resources → engine inputs, static values only. A bridge until the api module ships its own translation (and
 * the market module resolves feeds): a value given by a feed is treated as missing, which the engine's validation then
 * reports on the right object instead of planning from it.
 */
public final class Translate {

  private Translate() {
  }

  public static String id(io.fabric8.kubernetes.api.model.HasMetadata r) {
    return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }

  public static NodePool pool(GPUNodePool p) {
    var s = p.getSpec();
    Policy policy = s.policy == null ? new Policy() : s.policy;
    double price = s.electricity.usdPerKWh != null ? s.electricity.usdPerKWh
        : s.electricity.timeOfUse != null && s.electricity.timeOfUse.usdPerKWh != null
        ? s.electricity.timeOfUse.usdPerKWh : Double.NaN;
    Map<String, Double> idle = new HashMap<>();
    if (s.idleWattsPerGpu != null) {
      s.idleWattsPerGpu.forEach((k, v) -> idle.put(k, v.doubleValue()));
    }
    Hysteresis h = policy.hysteresis == null ? Hysteresis.NONE : new Hysteresis(
        orZero(policy.hysteresis.minGainUsdPerHour), orZero(policy.hysteresis.minGainPercent));
    DisruptionBudget budget = policy.disruptionBudget == null ? DisruptionBudget.UNLIMITED : new DisruptionBudget(
        policy.disruptionBudget.maxGpusPerInterval, policy.disruptionBudget.maxPercentPerInterval == null ? null
        : policy.disruptionBudget.maxPercentPerInterval.doubleValue());
    return new NodePool(p.getMetadata().getName(), Tariff.fixed(price),
        s.electricity.pue == null ? 1.0 : s.electricity.pue, idle,
        Durations.parse(policy.paybackHorizon, Duration.ofHours(6)), h,
        Durations.parse(policy.minDwell, Duration.ofMinutes(30)), budget, mode(policy.mode), false);
  }

  public static Mode mode(Policy.Mode mode) {
    return mode == null ? Mode.AUTO : switch (mode) {
      case Auto -> Mode.AUTO;
      case Recommend -> Mode.RECOMMEND;
      case Paused -> Mode.PAUSED;
    };
  }

  public static MiningOption mining(MiningPool mp) {
    MiningPoolSpec s = mp.getSpec();
    Map<String, MiningProfile> profiles = new HashMap<>();
    if (s.profiles != null) {
      s.profiles.forEach(p -> profiles.put(p.gpuProduct,
          new MiningProfile(quantity(p.hashrate), p.watts == null ? Double.NaN : p.watts)));
    }
    MiningRevenue revenue;
    if (s.revenue != null && s.revenue.hashprice != null) {
      double unit = quantity(s.revenue.hashprice.unit == null ? "1P" : s.revenue.hashprice.unit);
      revenue = new MiningRevenue.Hashprice(MarketValue.of(value(s.revenue.hashprice.usdPerDay) / unit), null);
    } else {
      var n = s.revenue == null ? null : s.revenue.network;
      double blockTime = n == null ? Double.NaN : value(n.blockTimeSeconds);
      double hashrate = n == null ? Double.NaN : n.networkHashrate != null ? quantity(n.networkHashrate.value)
          : value(n.difficulty) * (n.hashesPerDifficulty == null ? 1.0 : n.hashesPerDifficulty) / blockTime;
      revenue = new MiningRevenue.Network(MarketValue.of(n == null ? Double.NaN : value(n.blockReward)), blockTime,
          MarketValue.of(hashrate), MarketValue.of(n == null ? Double.NaN : value(n.coinPriceUsd)));
    }
    Set<String> pools = s.nodePools == null ? Set.of() : new HashSet<>(s.nodePools);
    return new MiningOption(id(mp), s.coin, s.algorithm, revenue, orZero(s.poolFeePercent) / 100,
        orZero(s.devFeePercent) / 100, s.warmUpSeconds == null ? 30 : s.warmUpSeconds, profiles, s.maxGpus, pools,
        Boolean.TRUE.equals(s.allowLoss), true);
  }

  public static AiOption ai(AIWorkload w) {
    AIWorkloadSpec s = w.getSpec();
    Map<String, MarketValue> revenue = new HashMap<>();
    Map<String, Double> watts = new HashMap<>();
    if (s.profiles != null) {
      for (AIProfile p : s.profiles) {
        double perHour = value(p.revenuePerGpuHour);
        if (p.tokenPriceUsd != null) {
          perHour *= value(p.tokenPriceUsd); // a token-priced profile, converted to USD here
        }
        revenue.put(p.gpuProduct, MarketValue.of(perHour));
        watts.put(p.gpuProduct, p.watts == null ? Double.NaN : p.watts.doubleValue());
      }
    }
    Set<String> allowed = s.requirements == null || s.requirements.gpuProducts == null ? Set.of()
        : new HashSet<>(s.requirements.gpuProducts);
    int minMemory = s.requirements == null || s.requirements.minGpuMemoryMiB == null ? 0
        : s.requirements.minGpuMemoryMiB;
    boolean guaranteed = s.commitment == AIWorkloadSpec.Commitment.Guaranteed;
    return new AiOption(id(w), orOne(s.gpusPerReplica), s.minReplicas == null ? 0 : s.minReplicas,
        s.maxReplicas == null ? 0 : s.maxReplicas, allowed, minMemory, revenue, null, watts,
        guaranteed ? Commitment.GUARANTEED : Commitment.PREEMPTIBLE,
        s.checkpointGraceSeconds == null ? 30 : s.checkpointGraceSeconds,
        s.expectedLostWorkSeconds == null ? 0 : s.expectedLostWorkSeconds,
        s.startupSeconds == null ? 60 : s.startupSeconds, s.priority == null ? 0 : s.priority,
        s.utilization == null ? 1.0 : s.utilization, true);
  }

  /** A static value; NaN for a feed reference (not resolved here), which validation rejects by name. */
  static double value(ValueSource v) {
    return v == null || v.value == null ? Double.NaN : v.value;
  }

  static double quantity(String q) {
    if (q == null) {
      return Double.NaN;
    }
    try {
      return Quantity.getAmountInBytes(new Quantity(q)).doubleValue();
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }

  private static double orZero(Double d) {
    return d == null ? 0 : d;
  }

  private static int orOne(Integer i) {
    return i == null ? 1 : i;
  }
}
