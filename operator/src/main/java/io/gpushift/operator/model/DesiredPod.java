package io.gpushift.operator.model;

import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Map;

/**
 * One GPU pod the plan wants on one node. The realizer turns it into a Pod (see realize.PodFactory): it adds the node
 * selector, the GPU limit, the priority class, the security context and the labels; {@code baseSpec} holds the rest
 * (containers, volumes) exactly as the workload or the mining pool describes it.
 *
 * @param guaranteed   Guaranteed AI replica: never removed while its owner still wants as many replicas
 * @param graceSeconds how long a preempted replica may checkpoint before it is deleted (0 for miners)
 * @param reason       the engine's explanation, used in Events
 * @param specKey      names what {@code baseSpec} and {@code labels} were made from (owner uid and generation, the
 *                     node's tolerations), so the pod's spec hash can be cached; {@code null}: not cacheable
 */
public record DesiredPod(String namespace, String name, String node, Owner owner, WorkKind kind, int gpus,
    String priorityClass, boolean guaranteed, int graceSeconds, Map<String, String> labels, PodSpec baseSpec,
    String reason, String specKey) {

  /** The same pod with an uncacheable spec (tests and hand-made pods). */
  public DesiredPod(String namespace, String name, String node, Owner owner, WorkKind kind, int gpus,
      String priorityClass, boolean guaranteed, int graceSeconds, Map<String, String> labels, PodSpec baseSpec,
      String reason) {
    this(namespace, name, node, owner, kind, gpus, priorityClass, guaranteed, graceSeconds, labels, baseSpec, reason,
        null);
  }
}
