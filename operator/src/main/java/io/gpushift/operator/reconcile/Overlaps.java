package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.Node;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.operator.gather.Gatherer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Nodes that another GPUNodePool's spec.nodeSelector selects too. Two loops planning one node would fight over its
 * label and its free GPUs, so each such node belongs to the pool whose name sorts first; the others leave it alone and
 * say so on their Ready condition.
 */
final class Overlaps {

  private Overlaps() {
  }

  /** Node name → the pool that plans it instead of {@code pool}, for every node of {@code pool} an earlier pool selects. */
  static Map<String, String> claimedElsewhere(GPUNodePool pool, Collection<GPUNodePool> pools, Collection<Node> nodes) {
    String name = pool.getMetadata().getName();
    List<GPUNodePool> earlier = pools.stream().filter(p -> p.getSpec() != null
            && p.getMetadata().getDeletionTimestamp() == null && p.getMetadata().getName().compareTo(name) < 0)
        .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName())).toList();
    Map<String, String> out = new TreeMap<>();
    if (earlier.isEmpty()) {
      return out;
    }
    for (Node n : nodes) {
      if (!Gatherer.member(n, pool.getSpec().nodeSelector)) {
        continue;
      }
      earlier.stream().filter(p -> Gatherer.member(n, p.getSpec().nodeSelector)).findFirst()
          .ifPresent(p -> out.put(n.getMetadata().getName(), p.getMetadata().getName()));
    }
    return out;
  }

  /** One line per other pool, naming the field and up to five of the nodes. */
  static List<String> problems(String pool, Map<String, String> claimed) {
    Map<String, List<String>> byPool = new TreeMap<>();
    claimed.forEach((node, other) -> byPool.computeIfAbsent(other, k -> new ArrayList<>()).add(node));
    List<String> out = new ArrayList<>();
    byPool.forEach((other, nodes) -> out.add("GPUNodePool " + pool + ": spec.nodeSelector also selects "
        + nodes.size() + " node(s) of GPUNodePool " + other + " (" + String.join(", ", nodes.subList(0,
        Math.min(5, nodes.size()))) + (nodes.size() > 5 ? ", ..." : "") + "); " + other
        + " plans them as its name sorts first: make the two selectors disjoint"));
    return out;
  }
}
