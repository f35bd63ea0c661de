package io.gpushift.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The harness's own view of the pods with one label (an informer), and when that set last changed: a pod appearing,
 * becoming Running, or disappearing. That moment is when a plan (or the baseline's batch) was realised.
 */
final class Pods implements AutoCloseable {

  /** What the baseline needs to make the same pod again: where, how many GPUs, and which kind. */
  record Shape(String namespace, String name, String node, int gpus, String kind) {
  }

  private final SharedIndexInformer<Pod> informer;
  private final AtomicReference<Instant> lastChange = new AtomicReference<>(Instant.now());
  /** The last pod to appear: splits a realisation into making the pods and waiting for them to run. */
  private final AtomicReference<Instant> lastAdded = new AtomicReference<>(Instant.now());

  Pods(KubernetesClient client, String label, String value) {
    informer = client.pods().inAnyNamespace().withLabel(label, value).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod p) {
        lastAdded.set(Instant.now());
        touch();
      }

      @Override
      public void onUpdate(Pod old, Pod now) {
        if (running(old) != running(now) || terminating(old) != terminating(now)) {
          touch();
        }
      }

      @Override
      public void onDelete(Pod p, boolean unknownFinalState) {
        touch();
      }
    }, 0);
  }

  private void touch() {
    lastChange.set(Instant.now());
  }

  Instant lastChange() {
    return lastChange.get();
  }

  Instant lastAdded() {
    return lastAdded.get();
  }

  /** True when every pod is Running and none is leaving. */
  boolean settled() {
    return informer.getStore().list().stream().allMatch(p -> running(p) && !terminating(p));
  }

  int size() {
    return informer.getStore().list().size();
  }

  /** The current pods by namespace/name. */
  Map<String, Shape> shapes() {
    Map<String, Shape> out = new TreeMap<>();
    for (Pod p : informer.getStore().list()) {
      String ns = p.getMetadata().getNamespace();
      String node = p.getSpec().getNodeSelector() == null ? p.getSpec().getNodeName()
          : p.getSpec().getNodeSelector().getOrDefault("kubernetes.io/hostname", p.getSpec().getNodeName());
      String kind = p.getMetadata().getLabels().getOrDefault("gpushift.io/kind", "?");
      out.put(ns + "/" + p.getMetadata().getName(), new Shape(ns, p.getMetadata().getName(), node, gpus(p), kind));
    }
    return out;
  }

  /** Running GPUs by the pods' gpushift.io/kind label. */
  Map<String, Integer> runningGpusByKind() {
    Map<String, Integer> out = new TreeMap<>();
    informer.getStore().list().stream().filter(p -> running(p) && !terminating(p))
        .forEach(p -> out.merge(p.getMetadata().getLabels().getOrDefault("gpushift.io/kind", "?"), gpus(p),
            Integer::sum));
    return out;
  }

  static boolean running(Pod p) {
    return p.getStatus() != null && "Running".equals(p.getStatus().getPhase());
  }

  static boolean terminating(Pod p) {
    return p.getMetadata().getDeletionTimestamp() != null;
  }

  static int gpus(Pod p) {
    return p.getSpec().getContainers().stream()
        .map(c -> c.getResources() == null || c.getResources().getRequests() == null ? null
            : c.getResources().getRequests().get("nvidia.com/gpu"))
        .filter(q -> q != null).mapToInt(q -> Quantity.getAmountInBytes(q).intValue()).sum();
  }

  @Override
  public void close() {
    informer.close();
  }
}
