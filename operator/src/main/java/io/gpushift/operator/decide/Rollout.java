package io.gpushift.operator.decide;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.Node;
import io.gpushift.operator.Keys;
import io.gpushift.operator.realize.PodFactory;
import io.gpushift.operator.realize.Pods;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replacing a Guaranteed replica whose spec hash no longer matches its workload (the template changed, or someone edited
 * the annotation) must not run the contract short, so it is create-before-delete. The engine must then not count the
 * outdated replica as the contract's — it would keep it and never place the replacement — so its GPUs are shown to the
 * engine as taken, like another's pods; the replacement is planned on what is left, and the realizer removes the old
 * replica only once enough replacements run.
 */
public final class Rollout {

  private Rollout() {
  }

  /** The running Guaranteed replicas among {@code poolPods} whose workload would give them another spec hash now. */
  public static List<Pod> outdated(String pool, Collection<Pod> poolPods, Map<String, AIWorkload> ai,
      Map<String, List<Toleration>> tolerations) {
    List<Pod> outdated = new ArrayList<>();
    Map<String, io.fabric8.kubernetes.api.model.PodSpec> templates = new HashMap<>();
    for (Pod p : poolPods) {
      String node = Pods.node(p);
      AIWorkload w = ai.get(p.getMetadata().getNamespace() + "/" + Pods.controller(p).map(o -> o.getName()).orElse(""));
      if (w == null || node == null || !Pods.guaranteed(p) || Pods.terminating(p) || Pods.finished(p)
          || Pods.protectedFromDisruption(p)) {
        continue; // not a contract's live replica this pool still plans for, or one that must not move anyway
      }
      var twin = PlanMapper.replica(w, node, p.getMetadata().getName(), "", tolerations.get(node), templates);
      if (twin.guaranteed() && !PodFactory.expectedHash(pool, twin).equals(Pods.annotation(p, Keys.SPEC_HASH))) {
        outdated.add(p);
      }
    }
    return outdated;
  }

  /** The engine's nodes with the {@code outdated} replicas' GPUs taken out of their node and their workload. */
  public static List<Node> hide(List<Node> nodes, List<Pod> outdated) {
    if (outdated.isEmpty()) {
      return nodes;
    }
    Map<String, Map<String, Integer>> taken = new HashMap<>(); // node → option → GPUs
    for (Pod p : outdated) {
      String option = p.getMetadata().getNamespace() + "/" + Pods.controller(p).get().getName();
      taken.computeIfAbsent(Pods.node(p), k -> new HashMap<>()).merge(option, Pods.gpus(p), Integer::sum);
    }
    List<Node> shown = new ArrayList<>(nodes.size());
    for (Node n : nodes) {
      Map<String, Integer> gone = taken.get(n.name());
      if (gone == null) {
        shown.add(n);
        continue;
      }
      List<Assignment> left = new ArrayList<>();
      for (Assignment a : n.assignments()) {
        int gpus = a.gpus() - gone.getOrDefault(a.optionId(), 0);
        if (gpus > 0) {
          left.add(new Assignment(a.optionId(), gpus, a.since()));
        }
      }
      int hidden = gone.values().stream().mapToInt(Integer::intValue).sum();
      shown.add(new Node(n.name(), n.pool(), n.gpuProduct(), n.gpuMemoryMiB(), Math.max(0, n.gpuCount() - hidden),
          n.schedulable(), left, n.pin(), n.excluded(), n.protectedGpus()));
    }
    return shown;
  }
}
