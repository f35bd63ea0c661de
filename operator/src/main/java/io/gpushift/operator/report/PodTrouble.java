package io.gpushift.operator.report;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.operator.realize.Pods;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a pod of ours cannot do its work, as the kubelet reports it: an image that cannot be pulled or started, a crash
 * loop, or a Failed pod. Reported on the owning resource's Ready condition, naming the pod.
 */
final class PodTrouble {

  private static final Set<String> STUCK = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
      "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

  private PodTrouble() {
  }

  /** The first troubled pod (by name) and its trouble, e.g. "pod ai/llm-n1-0: ImagePullBackOff: ...". */
  static Optional<String> first(Collection<Pod> pods) {
    return pods.stream().filter(p -> !Pods.terminating(p))
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .map(PodTrouble::trouble).flatMap(Optional::stream).findFirst();
  }

  static Optional<String> trouble(Pod pod) {
    String name = "pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + ": ";
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    if ("Failed".equals(pod.getStatus().getPhase())) {
      return Optional.of(name + "Failed" + suffix(pod.getStatus().getReason(), pod.getStatus().getMessage()));
    }
    List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
    if (statuses == null) {
      return Optional.empty();
    }
    for (ContainerStatus c : statuses) {
      var waiting = c.getState() == null ? null : c.getState().getWaiting();
      if (waiting != null && STUCK.contains(waiting.getReason())) {
        return Optional.of(name + "container " + c.getName() + " " + waiting.getReason()
            + suffix(null, waiting.getMessage()));
      }
    }
    return Optional.empty();
  }

  private static String suffix(String reason, String message) {
    String s = (reason == null ? "" : " (" + reason + ")") + (message == null ? "" : ": " + message);
    return s.length() > 300 ? s.substring(0, 297) + "..." : s;
  }
}
