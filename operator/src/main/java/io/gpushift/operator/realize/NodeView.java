package io.gpushift.operator.realize;

import java.util.Map;

/**
 * What the realizer needs to know about one live node, computed by the gatherer from the informer caches.
 *
 * @param allocatableGpus nvidia.com/gpu the device plugin currently advertises (0 while it restarts)
 * @param usedGpus        GPUs requested by every non-finished pod on or headed for the node, ours or not, terminating
 *                        ones included (their GPUs are not free until they are gone)
 * @param gpuPods         how many such pods there are; the device-plugin config may only change when this is 0
 */
public record NodeView(String name, int allocatableGpus, int usedGpus, int gpuPods, Map<String, String> labels,
    Map<String, String> annotations) {

  public String label(String key) {
    return labels == null ? null : labels.get(key);
  }

  public String annotation(String key) {
    return annotations == null ? null : annotations.get(key);
  }
}
