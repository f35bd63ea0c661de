package io.gpushift.operator.model;

import java.util.List;
import java.util.Map;

/**
 * The neutral boundary between deciding and doing: everything one GPUNodePool wants the cluster to look like. The engine's
 * plan is mapped into this; the realizer makes the cluster match it and knows nothing about prices.
 *
 * @param pool  the GPUNodePool name; every pod carries it as gpushift.io/pool
 * @param nodes the pool's nodes the operator may touch (excluded nodes are absent)
 */
public record DesiredState(String pool, List<DesiredPod> pods, Map<String, DesiredNode> nodes) {
}
