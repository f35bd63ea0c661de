package io.gpushift.operator.gather;

import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.engine.model.Node;
import io.gpushift.operator.realize.NodeView;
import java.util.List;
import java.util.Map;

/**
 * One pool's slice of the cluster, read from informer caches: the engine's view of its nodes, the realizer's view of
 * the same nodes, the pods the operator owns there, and what was wrong with the input (reported in status, not thrown).
 *
 * @param engineNodes nodes the engine may plan on (excluded and unusable ones are marked, not dropped)
 * @param views       every live node of the pool, by name
 * @param poolPods    pods labelled with this pool, terminating ones included
 * @param problems    human-readable input problems, e.g. a node without GPU Feature Discovery labels
 */
public record Gathered(List<Node> engineNodes, Map<String, NodeView> views, List<Pod> poolPods,
    List<String> problems) {
}
