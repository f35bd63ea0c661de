package io.gpushift.operator.reconcile;

import io.gpushift.api.v1alpha1.GPUNodePool;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;

/** Reads the pool loop's informer caches (by resource type) for the feed event source's mapping. */
final class PoolFeedUsers {

  private PoolFeedUsers() {
  }

  @SuppressWarnings("unchecked")
  static <R> List<R> list(List<EventSource<?, GPUNodePool>> sources, Class<R> type) {
    for (EventSource<?, GPUNodePool> s : sources) {
      if (s instanceof InformerEventSource<?, ?> informer && informer.resourceType() == type) {
        return (List<R>) informer.list().toList();
      }
    }
    return List.of();
  }
}
