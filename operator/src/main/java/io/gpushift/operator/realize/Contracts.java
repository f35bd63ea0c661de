package io.gpushift.operator.realize;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The realizer's floor under a contract: a Guaranteed workload's replicas the plan no longer names (outdated after a
 * template change or an edited spec hash, or surplus) leave only while enough of the replicas the plan keeps are
 * Running to meet its minimum. Replacing a replica is therefore create-before-delete, and a replacement that cannot be
 * placed leaves the old replica running — reported, never dropped.
 */
final class Contracts {

  private Contracts() {
  }

  /**
   * @param contracts minimum replicas by namespace/kind/name
   * @param keep      namespace/name of the pods the plan keeps; the old replicas still needed are added
   */
  static void keepUntilReplaced(Map<String, Integer> contracts, Collection<Pod> live, Map<String, NodeView> nodes,
      Set<String> keep, Steps steps) {
    Map<String, List<Pod>> byOwner = live.stream()
        .filter(p -> Pods.guaranteed(p) && !Pods.terminating(p) && contracts.containsKey(Pods.ownerKeyInNamespace(p)))
        .filter(p -> Pods.node(p) == null || nodes.containsKey(Pods.node(p))) // a vanished node's replica runs nothing
        .collect(Collectors.groupingBy(Pods::ownerKeyInNamespace));
    byOwner.forEach((owner, pods) -> {
      int minimum = contracts.get(owner);
      long running = pods.stream().filter(p -> keep.contains(Realization.key(p)) && running(p)).count();
      pods.stream().filter(p -> !keep.contains(Realization.key(p)))
          .sorted(Comparator.comparing((Pod p) -> !running(p)).thenComparing(p -> p.getMetadata().getName()))
          .limit(Math.max(0, minimum - running))
          .forEach(p -> {
            keep.add(Realization.key(p));
            steps.waiting.add(p.getMetadata().getName() + ": kept until its replacement runs (" + owner
                + " is guaranteed " + minimum + " replica(s), " + running + " of the planned ones running)");
          });
    });
  }

  private static boolean running(Pod p) {
    return p.getStatus() != null && "Running".equals(p.getStatus().getPhase());
  }
}
