package io.gpushift.operator.decide;

import java.util.Map;
import java.util.Set;

/**
 * What one pool's decision means for one MiningPool or AIWorkload: the share of the plan its status reports. An option
 * can take GPUs from several pools; their outcomes are summed by the status writers (see report.OptionStore).
 *
 * @param option          option id, {@code namespace/name}
 * @param ai              an AIWorkload (else a MiningPool)
 * @param gpusByProduct   planned GPUs per GPU product
 * @param replicas        planned AI replicas (0 for mining)
 * @param rates           per GPU product in this pool, what a GPU-hour of this option earns and costs
 * @param unmet           why minReplicas is not reached, or null
 * @param preemption      GPUs this decision took away from the option, or null
 * @param missingProfiles GPU products of this pool the option has no profile for (mining)
 * @param unfit           why no GPU of this pool can ever host the AIWorkload, naming its field; null when one can
 */
public record OptionOutcome(String option, boolean ai, Map<String, Integer> gpusByProduct, int replicas,
    double revenueUsdPerHour, double powerUsdPerHour, Map<String, Rate> rates, Unmet unmet, Preemption preemption,
    Set<String> missingProfiles, String unfit) {

  public int gpus() {
    return gpusByProduct.values().stream().mapToInt(Integer::intValue).sum();
  }

  public OptionOutcome withPreemption(Preemption p) {
    return new OptionOutcome(option, ai, gpusByProduct, replicas, revenueUsdPerHour, powerUsdPerHour, rates, unmet, p,
        missingProfiles, unfit);
  }

  /** USD per GPU-hour of one GPU product; NaN where the engine could not price it. */
  public record Rate(double revenue, double power, double profit, boolean eligible, String note) {
  }

  /**
   * @param unsatisfiable no eligible GPU can ever host it as specified (not merely busy GPUs)
   */
  public record Unmet(int wanted, int placed, boolean unsatisfiable, String reason) {
  }

  /**
   * @param reason     CamelCase condition reason, e.g. {@code OutbidForProfit}
   * @param message    the engine's explanation of the move
   * @param gpusBefore GPUs the option had in this pool before the move; the preemption is over once it has them again
   */
  public record Preemption(String reason, String message, int gpusBefore) {
  }
}
