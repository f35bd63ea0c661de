package io.gpushift.operator.model;

import java.util.List;
import java.util.Map;

/**
 * The neutral boundary between deciding and doing: everything one GPUNodePool wants the cluster to look like. The engine's
 * plan is mapped into this; the realizer makes the cluster match it and knows nothing about prices.
 *
 * @param pool             the GPUNodePool name; every pod carries it as gpushift.io/pool
 * @param nodes            the pool's nodes the operator may touch (excluded nodes are absent)
 * @param checkpointGrace  each AI workload's checkpoint grace in seconds, by {@code namespace/kind/name}, planned
 *                         replicas or not: while the workload exists its value, not a pod's (editable) annotation, is
 *                         the grace a preempted replica gets
 * @param contracts        each Guaranteed workload's minimum replicas, by {@code namespace/kind/name}: the realizer
 *                         never lets a contract's running replicas drop below it, not even to replace one
 */
public record DesiredState(String pool, List<DesiredPod> pods, Map<String, DesiredNode> nodes,
                           Map<String, Integer> checkpointGrace, Map<String, Integer> contracts) {

  public DesiredState {
    checkpointGrace = checkpointGrace == null ? Map.of() : Map.copyOf(checkpointGrace);
    contracts = contracts == null ? Map.of() : Map.copyOf(contracts);
  }

  public DesiredState(String pool, List<DesiredPod> pods, Map<String, DesiredNode> nodes) {
    this(pool, pods, nodes, Map.of(), Map.of());
  }
}
