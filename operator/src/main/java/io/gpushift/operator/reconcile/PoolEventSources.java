package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.operator.Keys;
import io.gpushift.operator.gather.Gatherer;
import io.gpushift.operator.gather.Slim;
import io.gpushift.operator.realize.Names;
import io.gpushift.operator.realize.Pods;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The informers feeding the per-pool decision loop and how each event maps to the pools it concerns. Their caches are
 * also where the loop reads the cluster from: a decision never lists from the API server.
 */
final class PoolEventSources {

  /** Initial lists come in pages: one 1,000-node or 10,000-pod response is held whole in memory while parsed. */
  private static final long LIST_PAGE = 500;

  private PoolEventSources() {
  }

  static List<EventSource<?, GPUNodePool>> create(EventSourceContext<GPUNodePool> context) {
    IndexerResourceCache<GPUNodePool> pools = context.getPrimaryCache();
    // Caches keep only what a decision reads (Slim): the pod cache holds every pod of the cluster.
    var nodes = new InformerEventSource<>(InformerEventSourceConfiguration.from(Node.class, GPUNodePool.class)
        .withItemStore(Slim.store(Slim::node))
        .withInformerListLimit(LIST_PAGE)
        .withOnUpdateFilter(PoolEventSources::nodeChanged)
        .withSecondaryToPrimaryMapper((Node n) -> pools.list()
            .filter(p -> p.getSpec() != null && Gatherer.member(n, p.getSpec().nodeSelector))
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .build(), context);
    // Every pod, not only ours: other GPU pods on a pool's nodes take GPUs the plan must not promise.
    var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, GPUNodePool.class)
        .withWatchAllNamespaces()
        .withItemStore(Slim.store(Slim::pod))
        .withInformerListLimit(LIST_PAGE)
        .withOnUpdateFilter(PoolEventSources::podChanged)
        .withSecondaryToPrimaryMapper((Pod p) -> poolOf(p))
        .build(), context);
    var mining = new InformerEventSource<>(InformerEventSourceConfiguration.from(MiningPool.class, GPUNodePool.class)
        .withWatchAllNamespaces()
        .withSecondaryToPrimaryMapper((MiningPool m) -> allowed(pools, m.getSpec() == null ? null
            : m.getSpec().nodePools))
        .build(), context);
    var ai = new InformerEventSource<>(InformerEventSourceConfiguration.from(AIWorkload.class, GPUNodePool.class)
        .withWatchAllNamespaces()
        .withSecondaryToPrimaryMapper((AIWorkload w) -> allowed(pools, w.getSpec() == null ? null
            : w.getSpec().nodePools))
        .build(), context);
    return List.of(nodes, pods, mining, ai);
  }

  /**
   * Node updates that can change a decision: labels, annotations, GPUs, schedulability, readiness. Heartbeats (kwok's
   * or a kubelet's condition timestamps) are not: at 1,000 nodes they re-ran the whole pool every few seconds.
   */
  static boolean nodeChanged(Node now, Node old) {
    return !Objects.equals(now.getMetadata().getLabels(), old.getMetadata().getLabels())
        || !Objects.equals(now.getMetadata().getAnnotations(), old.getMetadata().getAnnotations())
        || !Objects.equals(now.getSpec(), old.getSpec())
        || !Objects.equals(allocatable(now), allocatable(old)) || !Objects.equals(ready(now), ready(old));
  }

  /** Pod updates that can change a decision: phase, node, leaving, labels, annotations (e.g. checkpoint-done). */
  static boolean podChanged(Pod now, Pod old) {
    return !Objects.equals(now.getMetadata().getLabels(), old.getMetadata().getLabels())
        || !Objects.equals(now.getMetadata().getAnnotations(), old.getMetadata().getAnnotations())
        || !Objects.equals(now.getMetadata().getDeletionTimestamp(), old.getMetadata().getDeletionTimestamp())
        || !Objects.equals(Pods.node(now), Pods.node(old))
        || !Objects.equals(now.getStatus() == null ? null : now.getStatus().getPhase(),
            old.getStatus() == null ? null : old.getStatus().getPhase());
  }

  private static Object allocatable(Node n) {
    return n.getStatus() == null ? null : n.getStatus().getAllocatable();
  }

  private static String ready(Node n) {
    return n.getStatus() == null || n.getStatus().getConditions() == null ? null : n.getStatus().getConditions()
        .stream().filter(c -> "Ready".equals(c.getType())).map(NodeCondition::getStatus).findFirst().orElse(null);
  }

  private static Set<ResourceID> poolOf(HasMetadata pod) {
    var labels = pod.getMetadata().getLabels();
    if (labels == null || !Keys.MANAGED_BY_VALUE.equals(labels.get(Keys.MANAGED_BY)) || labels.get(Keys.POOL) == null) {
      return Set.of();
    }
    return Set.of(new ResourceID(labels.get(Keys.POOL)));
  }

  private static Set<ResourceID> allowed(IndexerResourceCache<GPUNodePool> pools, List<String> names) {
    return pools.list().filter(p -> names == null || names.isEmpty() || names.contains(p.getMetadata().getName())
            || names.stream().map(Names::labelValue).anyMatch(p.getMetadata().getName()::equals))
        .map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
