package io.gpushift.operator.it;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.operator.Keys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Counts, by watching, the object changes the operator is responsible for: pods created, pods deleted, checkpoint
 * annotations set or cleared, node labels/annotations of ours changed, and status changes of the three resources. The
 * denominator of "writes per changed object"; kwok's and the test's own changes are not counted.
 */
final class ChangeCounter implements AutoCloseable {

  final AtomicInteger podsCreated = new AtomicInteger();
  final AtomicInteger podsDeleted = new AtomicInteger();
  final AtomicInteger podAnnotations = new AtomicInteger();
  final AtomicInteger nodeLabels = new AtomicInteger();
  final AtomicInteger statuses = new AtomicInteger();
  private final List<Watch> watches = new ArrayList<>();
  private final Map<String, String> seen = new ConcurrentHashMap<>();

  ChangeCounter(KubernetesClient client, KubernetesClient admin, String pool, List<String> nodes) {
    watches.add(client.pods().watch(watcher(p -> {
      String deleting = p.getMetadata().getDeletionTimestamp() == null ? "" : "deleting";
      return deleting + "|" + Objects.toString(annotation(p, Keys.CHECKPOINT_REQUESTED_AT));
    }, (before, after, deleted) -> {
      if (before == null && !deleted) {
        podsCreated.incrementAndGet();
      } else if (before != null && !before.startsWith("deleting") && (deleted || after.startsWith("deleting"))) {
        podsDeleted.incrementAndGet();
      } else if (before != null && !deleted && !before.equals(after)) {
        podAnnotations.incrementAndGet();
      }
    })));
    watches.add(admin.nodes().watch(watcher((Node n) -> nodes.contains(n.getMetadata().getName())
            ? Objects.toString(n.getMetadata().getLabels().get(Keys.USE)) + "|"
            + n.getMetadata().getLabels().get(Keys.DEVICE_PLUGIN_CONFIG) + "|"
            + (n.getMetadata().getAnnotations() == null ? null
            : n.getMetadata().getAnnotations().get(Keys.DEVICE_PLUGIN_SWITCHED_AT)) : "",
        (before, after, deleted) -> count(nodeLabels, before, after, deleted))));
    watches.add(admin.resources(GPUNodePool.class).watch(watcher((GPUNodePool p) -> pool.equals(
        p.getMetadata().getName()) ? Serialization.asJson(p.getStatus()) : "", (b, a, d) -> count(statuses, b, a, d))));
    watches.add(client.resources(MiningPool.class).watch(watcher((MiningPool m) -> Serialization.asJson(m.getStatus()),
        (b, a, d) -> count(statuses, b, a, d))));
    watches.add(client.resources(AIWorkload.class).watch(watcher((AIWorkload w) -> Serialization.asJson(w.getStatus()),
        (b, a, d) -> count(statuses, b, a, d))));
  }

  int total() {
    return podsCreated.get() + podsDeleted.get() + podAnnotations.get() + nodeLabels.get() + statuses.get();
  }

  void reset() {
    podsCreated.set(0);
    podsDeleted.set(0);
    podAnnotations.set(0);
    nodeLabels.set(0);
    statuses.set(0);
  }

  @Override
  public String toString() {
    return "pods created " + podsCreated + ", pods deleted " + podsDeleted + ", checkpoint annotations "
        + podAnnotations + ", node label changes " + nodeLabels + ", status changes " + statuses;
  }

  private static void count(AtomicInteger counter, String before, String after, boolean deleted) {
    if (before != null && !deleted && !before.equals(after)) {
      counter.incrementAndGet();
    }
  }

  private interface Change {
    void on(String before, String after, boolean deleted);
  }

  private <T extends HasMetadata> Watcher<T> watcher(Function<T, String> fingerprint, Change change) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        String key = resource.getKind() + "/" + resource.getMetadata().getNamespace() + "/"
            + resource.getMetadata().getName();
        String after = fingerprint.apply(resource);
        boolean deleted = action == Action.DELETED;
        String before = deleted ? seen.remove(key) : seen.put(key, after);
        change.on(before, after, deleted);
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    };
  }

  private static String annotation(Pod p, String key) {
    return p.getMetadata().getAnnotations() == null ? null : p.getMetadata().getAnnotations().get(key);
  }

  @Override
  public void close() {
    watches.forEach(Watch::close);
  }
}
