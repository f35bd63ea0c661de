package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.operator.Keys;
import io.gpushift.operator.gather.Gatherer;
import io.gpushift.operator.realize.Names;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The informers feeding the per-pool decision loop and how each event maps to the pools it concerns. Their caches are
 * also where the loop reads the cluster from: a decision never lists from the API server.
 */
final class PoolEventSources {

  private PoolEventSources() {
  }

  static List<EventSource<?, GPUNodePool>> create(EventSourceContext<GPUNodePool> context) {
    IndexerResourceCache<GPUNodePool> pools = context.getPrimaryCache();
    var nodes = new InformerEventSource<>(InformerEventSourceConfiguration.from(Node.class, GPUNodePool.class)
        .withSecondaryToPrimaryMapper((Node n) -> pools.list()
            .filter(p -> p.getSpec() != null && Gatherer.member(n, p.getSpec().nodeSelector))
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .build(), context);
    // Every pod, not only ours: other GPU pods on a pool's nodes take GPUs the plan must not promise.
    var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, GPUNodePool.class)
        .withWatchAllNamespaces()
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
