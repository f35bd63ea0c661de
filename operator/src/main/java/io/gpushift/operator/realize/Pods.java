package io.gpushift.operator.realize;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.gpushift.operator.Keys;
import java.util.Map;
import java.util.Optional;

/** Small read-only questions about pods, shared by the gatherer and the realizer. */
public final class Pods {

  private Pods() {
  }

  /** GPUs the pod holds while it exists: the sum over its app containers (init containers run before, not alongside). */
  public static int gpus(Pod pod) {
    int total = 0;
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return 0;
    }
    for (Container c : pod.getSpec().getContainers()) {
      total += gpus(c);
    }
    return total;
  }

  private static int gpus(Container c) {
    if (c.getResources() == null) {
      return 0;
    }
    Map<String, Quantity> limits = c.getResources().getLimits();
    Map<String, Quantity> requests = c.getResources().getRequests();
    Quantity q = limits != null && limits.containsKey(Keys.GPU_RESOURCE) ? limits.get(Keys.GPU_RESOURCE)
        : requests != null ? requests.get(Keys.GPU_RESOURCE) : null;
    return q == null ? 0 : Quantity.getAmountInBytes(q).intValue();
  }

  /** Succeeded or Failed pods hold no GPUs any more. */
  public static boolean finished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  public static boolean terminating(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() != null;
  }

  /** The node the pod runs on or, for our not-yet-scheduled pods, the node its selector pins it to. */
  public static String node(Pod pod) {
    if (pod.getSpec() == null) {
      return null;
    }
    if (pod.getSpec().getNodeName() != null) {
      return pod.getSpec().getNodeName();
    }
    Map<String, String> selector = pod.getSpec().getNodeSelector();
    return selector == null ? null : selector.get(Keys.HOSTNAME);
  }

  public static boolean isMiner(Pod pod) {
    return "miner".equals(label(pod, Keys.KIND));
  }

  public static boolean guaranteed(Pod pod) {
    return "Guaranteed".equals(annotation(pod, Keys.COMMITMENT));
  }

  public static boolean protectedFromDisruption(Pod pod) {
    return "true".equalsIgnoreCase(annotation(pod, Keys.DO_NOT_DISRUPT));
  }

  public static Optional<OwnerReference> controller(Pod pod) {
    return pod.getMetadata().getOwnerReferences() == null ? Optional.empty()
        : pod.getMetadata().getOwnerReferences().stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst();
  }

  /**
   * A pod this operator made for {@code poolLabel}: our labels and a MiningPool/AIWorkload as controller. Labels alone
   * are not enough: another actor may copy them, and what we do not own we never delete nor count as ours.
   */
  public static boolean ours(Pod pod, String poolLabel) {
    return Keys.MANAGED_BY_VALUE.equals(label(pod, Keys.MANAGED_BY)) && poolLabel.equals(label(pod, Keys.POOL))
        && controller(pod).filter(o -> o.getApiVersion() != null && o.getApiVersion().startsWith("gpushift.io/")
        && ("MiningPool".equals(o.getKind()) || "AIWorkload".equals(o.getKind()))).isPresent();
  }

  /** kind/name of the controlling owner, comparable with Owner.key(). */
  public static String ownerKey(Pod pod) {
    return controller(pod).map(o -> o.getKind() + "/" + o.getName()).orElse("");
  }

  /** namespace/kind/name of the controlling owner: owners of the same name in two namespaces are two workloads. */
  public static String ownerKeyInNamespace(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + ownerKey(pod);
  }

  public static String label(Pod pod, String key) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  public static String annotation(Pod pod, String key) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
