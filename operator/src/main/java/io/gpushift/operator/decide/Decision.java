package io.gpushift.operator.decide;

import java.util.List;
import java.util.Map;

/**
 * What one decision says for one pool, in the operator's terms: GPUs per option on each node (option ids are
 * {@code namespace/name}; idle GPUs are simply not listed) and the numbers status and metrics report.
 *
 * @param explanations one line per move or held move, with its numbers, for Events and logs
 * @param problems     input problems by object, e.g. "ns/etc: profiles[0].watts: missing"
 * @param outcomes     per option id, its share of this pool's plan (for the MiningPool and AIWorkload statuses)
 */
public record Decision(Map<String, Map<String, Integer>> gpusByNode, double revenueUsdPerHour, double powerUsdPerHour,
    List<String> explanations, int moves, int held, List<String> problems, Map<String, OptionOutcome> outcomes) {

  public double profitUsdPerHour() {
    return revenueUsdPerHour - powerUsdPerHour;
  }

  public Map<String, Integer> on(String node) {
    return gpusByNode.getOrDefault(node, Map.of());
  }
}
