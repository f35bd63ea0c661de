package io.gpushift.operator.report;

import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.ConditionStatus;
import io.gpushift.api.v1alpha1.Conditions;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.api.v1alpha1.MiningPoolStatus;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningProfile;
import io.gpushift.engine.validation.Finding;
import io.gpushift.operator.decide.OptionOutcome;
import io.gpushift.operator.decide.Translate;
import io.gpushift.operator.reconcile.OwnedPods;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A MiningPool's status from the pool loops' outcomes (see {@link OptionStore}): expected hashrate, revenue, power and
 * profit of the GPUs the plan gives it, profit per GPU-hour per product, and the Profitable and ProfilesComplete
 * conditions. Figures are the plan's: once the miners run they are what the running GPUs earn.
 */
public final class MiningReport {

  private MiningReport() {
  }

  /** Ready: invalid spec, no pool in reach, a miner that cannot run, else what the pods say. */
  public static Condition ready(MiningPool mp, List<Finding> errors, Collection<Pod> pods, OptionStore store) {
    Condition pods0 = OwnedPods.ready(mp, errors, pods);
    if (!errors.isEmpty()) {
      return pods0;
    }
    if (store.anyDecided() && store.of(Translate.id(mp)).isEmpty()) {
      return Reports.condition(mp, MiningPool.CONDITION_READY, ConditionStatus.False, "NoPoolInReach",
          "no GPUNodePool considers this MiningPool: check spec.nodePools " + (mp.getSpec().nodePools == null
              ? "[]" : mp.getSpec().nodePools) + " against the GPUNodePool names");
    }
    return PodTrouble.first(pods).map(t -> Reports.condition(mp, MiningPool.CONDITION_READY, ConditionStatus.False,
        "MinerFailing", t)).orElse(pods0);
  }

  /** Economics and their conditions; until a pool has decided in this process, the previous figures stay. */
  public static void fill(MiningPoolStatus s, MiningPool mp, MiningOption option, OptionStore store, MiningPoolStatus old,
      Instant now) {
    if (!store.anyDecided()) {
      if (old != null) {
        s.expectedHashrate = old.expectedHashrate;
        s.revenueUsdPerHour = old.revenueUsdPerHour;
        s.powerCostUsdPerHour = old.powerCostUsdPerHour;
        s.profitUsdPerHour = old.profitUsdPerHour;
        s.profitUsdPerGpuHour = old.profitUsdPerGpuHour;
      }
      return;
    }
    Collection<OptionOutcome> shares = store.of(Translate.id(mp)).values();
    double hashrate = 0;
    for (var g : Shares.gpusByProduct(shares).entrySet()) {
      MiningProfile profile = option.profiles().get(g.getKey());
      hashrate += profile == null || !Double.isFinite(profile.hashrate()) ? 0 : g.getValue() * profile.hashrate();
    }
    s.expectedHashrate = Hashrates.format(hashrate);
    s.revenueUsdPerHour = Shares.revenue(shares);
    s.powerCostUsdPerHour = Shares.power(shares);
    s.profitUsdPerHour = Shares.round(s.revenueUsdPerHour - s.powerCostUsdPerHour);
    Map<String, Double> perGpu = Shares.bestProfitByProduct(shares);
    s.profitUsdPerGpuHour = perGpu.isEmpty() ? null : perGpu;
    Conditions.set(s.conditions, profitable(mp, option, shares, perGpu), now);
    Conditions.set(s.conditions, profilesComplete(mp, shares), now);
  }

  private static Condition profitable(MiningPool mp, MiningOption option, Collection<OptionOutcome> shares,
      Map<String, Double> perGpu) {
    String type = MiningPool.CONDITION_PROFITABLE;
    if (shares.isEmpty()) {
      return Reports.condition(mp, type, ConditionStatus.Unknown, "NoPoolInReach", "no GPUNodePool considers it");
    }
    var best = Shares.best(perGpu);
    if (best.isEmpty()) {
      return Reports.condition(mp, type, ConditionStatus.Unknown, "NotPriced",
          "no GPU product in reach could be priced (no profile for them, or missing market data)");
    }
    String figures = String.format(Locale.ROOT, "best: %s at %.4f USD/GPU-h after power", best.get().getKey(),
        best.get().getValue());
    if (best.get().getValue() > 0) {
      return Reports.condition(mp, type, ConditionStatus.True, "Profitable", figures);
    }
    return option.allowLoss()
        ? Reports.condition(mp, type, ConditionStatus.False, "LossAllowed", figures + "; mining anyway (allowLoss)")
        : Reports.condition(mp, type, ConditionStatus.False, "Unprofitable", figures + "; no GPU mines at a loss");
  }

  private static Condition profilesComplete(MiningPool mp, Collection<OptionOutcome> shares) {
    Set<String> missing = new TreeSet<>();
    shares.forEach(s -> missing.addAll(s.missingProfiles()));
    if (missing.isEmpty()) {
      return Reports.condition(mp, MiningPool.CONDITION_PROFILES_COMPLETE, ConditionStatus.True, "AllProfiled",
          "every GPU product in reach has a profile");
    }
    return Reports.condition(mp, MiningPool.CONDITION_PROFILES_COMPLETE, ConditionStatus.False, "MissingProfiles",
        "no spec.profiles entry for " + String.join(", ", missing) + ": those GPUs cannot mine this pool");
  }
}
