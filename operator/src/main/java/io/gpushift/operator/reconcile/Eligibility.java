package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.Node;
import io.gpushift.api.v1alpha1.AIWorkload;
import java.util.List;
import java.util.Map;

/**
 * Which MiningPools and AIWorkloads a pool may run: those whose spec.nodePools allows it and, for AIWorkloads, whose
 * template fits. A workload whose pod template carries a nodeSelector only runs where it matches;
 * until the planner can take per-node eligibility, a pool considers such a workload only when every one of its nodes
 * matches, so no replica is ever placed on a node its own selector refuses (it would stay Pending forever).
 */
final class Eligibility {

  private Eligibility() {
  }

  /** spec.nodePools of a MiningPool or AIWorkload: empty or absent means every pool. */
  static boolean allowedIn(List<String> nodePools, String pool) {
    return nodePools == null || nodePools.isEmpty() || nodePools.contains(pool);
  }

  static boolean fitsEveryNode(AIWorkload w, List<Node> poolNodes) {
    var template = w.getSpec().template;
    Map<String, String> selector = template == null || template.getSpec() == null ? null
        : template.getSpec().getNodeSelector();
    if (selector == null || selector.isEmpty()) {
      return true;
    }
    return !poolNodes.isEmpty() && poolNodes.stream().allMatch(n -> {
      Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
      return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    });
  }
}
