package io.gpushift.operator.realize;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writes one pass of the realizer will make, computed purely from desired and actual state. Kept as data so unit
 * tests can check the decisions without a cluster, and so "nothing to do" is visible as an empty Steps (zero writes).
 */
public final class Steps {

  /**
   * A pod to remove and why (the why ends up in an Event). {@code force}: delete with grace period 0, only for pods
   * whose node is gone, where no kubelet will ever confirm a graceful termination.
   */
  public record Removal(Pod pod, String reason, boolean force) {

    public Removal(Pod pod, String reason) {
      this(pod, reason, false);
    }
  }

  /** The complete set of labels and annotations the operator owns on a node (server-side apply semantics). */
  public record NodePatch(String node, Map<String, String> labels, Map<String, String> annotations) {
  }

  /** A node's label patch (or null) and the pods to create on it: written in this order, nodes in parallel. */
  public record NodeWrites(String node, NodePatch patch, List<Pod> create) {
  }

  public final List<Pod> create = new ArrayList<>();
  public final List<Removal> deleteNow = new ArrayList<>();
  public final List<Removal> requestCheckpoint = new ArrayList<>();
  public final List<Pod> cancelCheckpoint = new ArrayList<>();
  public final List<NodePatch> nodePatches = new ArrayList<>();
  /** Desired pods held back this pass (GPUs still busy, device plugin switching) with the reason. */
  public final List<String> waiting = new ArrayList<>();
  /** Writes that failed in this pass, with the API server's reason; they are retried by the next pass. */
  public final List<String> failures = new ArrayList<>();
  /** Earliest moment something time-based becomes due (a checkpoint grace, a device-plugin settle). */
  public Instant wakeAt;

  public boolean isEmpty() {
    return create.isEmpty() && deleteNow.isEmpty() && requestCheckpoint.isEmpty() && cancelCheckpoint.isEmpty()
        && nodePatches.isEmpty();
  }

  /** True when the cluster already matches the desired state: nothing to write and nothing pending. */
  public boolean converged() {
    return isEmpty() && waiting.isEmpty() && wakeAt == null && failures.isEmpty();
  }

  public int writes() {
    return create.size() + deleteNow.size() + requestCheckpoint.size() + cancelCheckpoint.size() + nodePatches.size();
  }

  /** The node patches and the creates, grouped by node (nodes in order of first appearance). */
  List<NodeWrites> byNode() {
    Map<String, NodePatch> patches = new LinkedHashMap<>();
    nodePatches.forEach(p -> patches.put(p.node(), p));
    Map<String, List<Pod>> pods = new LinkedHashMap<>();
    create.forEach(p -> pods.computeIfAbsent(String.valueOf(Pods.node(p)), k -> new ArrayList<>()).add(p));
    Set<String> nodes = new LinkedHashSet<>(patches.keySet());
    nodes.addAll(pods.keySet());
    return nodes.stream().map(n -> new NodeWrites(n, patches.get(n), pods.getOrDefault(n, List.of()))).toList();
  }

  void wake(Instant at) {
    if (wakeAt == null || at.isBefore(wakeAt)) {
      wakeAt = at;
    }
  }
}
