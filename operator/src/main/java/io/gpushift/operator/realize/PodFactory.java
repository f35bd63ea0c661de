package io.gpushift.operator.realize;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.operator.Keys;
import io.gpushift.operator.model.DesiredPod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a {@link DesiredPod} into the Pod the operator creates. Everything here is deterministic, so the spec hash of the
 * same desired pod is the same in every operator process (that is how drift is detected after a restart).
 */
public final class PodFactory {

  private PodFactory() {
  }

  public static Pod build(String pool, DesiredPod desired) {
    PodSpec spec = Serialization.clone(desired.baseSpec() == null ? new PodSpec() : desired.baseSpec());
    steer(spec, desired);
    harden(spec);
    Map<String, String> labels = new TreeMap<>(desired.labels() == null ? Map.of() : desired.labels());
    labels.put(Keys.MANAGED_BY, Keys.MANAGED_BY_VALUE);
    labels.put(Keys.POOL, Names.labelValue(pool));
    labels.put(Keys.WORKLOAD, Names.labelValue(desired.owner().name()));
    labels.put(Keys.KIND, desired.kind().name().toLowerCase());
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(Keys.COMMITMENT, desired.guaranteed() ? "Guaranteed" : "Preemptible");
    annotations.put(Keys.CHECKPOINT_GRACE_SECONDS, Integer.toString(desired.graceSeconds()));
    annotations.put(Keys.SPEC_HASH, hash(spec, labels, annotations));
    return new PodBuilder()
        .withNewMetadata().withNamespace(desired.namespace()).withName(desired.name())
        .withLabels(labels).withAnnotations(annotations)
        .withOwnerReferences(desired.owner().toReference()).endMetadata()
        .withSpec(spec).build();
  }

  /**
   * The hash the pod for {@code desired} would carry; compared with the live pod's annotation to detect drift. Every
   * pass asks this for every planned pod that exists, so it comes from {@link SpecHashes} when the desired pod says
   * what it was made from: building the pod (a cloned spec and its JSON) for each was most of a pass's garbage.
   */
  public static String expectedHash(String pool, DesiredPod desired) {
    if (desired.specKey() == null) {
      return hashOf(pool, desired);
    }
    String key = String.join("|", pool, desired.specKey(), desired.node(), Integer.toString(desired.gpus()),
        desired.priorityClass(), Boolean.toString(desired.guaranteed()), Integer.toString(desired.graceSeconds()));
    return SpecHashes.get(key, () -> hashOf(pool, desired));
  }

  private static String hashOf(String pool, DesiredPod desired) {
    return build(pool, desired).getMetadata().getAnnotations().get(Keys.SPEC_HASH);
  }

  /** Pins the pod to its node through the scheduler (never by binding) and gives it exactly its planned GPUs. */
  private static void steer(PodSpec spec, DesiredPod desired) {
    Map<String, String> selector = new TreeMap<>(spec.getNodeSelector() == null ? Map.of() : spec.getNodeSelector());
    selector.put(Keys.HOSTNAME, desired.node());
    spec.setNodeSelector(selector);
    spec.setNodeName(null);
    spec.setPriorityClassName(desired.priorityClass());
    spec.setPriority(null);
    List<Toleration> tolerations = new ArrayList<>(spec.getTolerations() == null ? List.of() : spec.getTolerations());
    // GPU nodes are commonly tainted nvidia.com/gpu:NoSchedule to keep CPU-only pods away; ours are GPU pods.
    tolerations.add(new TolerationBuilder().withKey(Keys.GPU_RESOURCE).withOperator("Exists")
        .withEffect("NoSchedule").build());
    spec.setTolerations(tolerations);
    List<Container> containers = spec.getContainers();
    for (int i = 0; i < containers.size(); i++) {
      setGpus(containers.get(i), i == 0 ? desired.gpus() : 0);
    }
  }

  private static void setGpus(Container c, int gpus) {
    ResourceRequirements r = c.getResources() == null ? new ResourceRequirements() : c.getResources();
    Map<String, Quantity> limits = new TreeMap<>(r.getLimits() == null ? Map.of() : r.getLimits());
    Map<String, Quantity> requests = new TreeMap<>(r.getRequests() == null ? Map.of() : r.getRequests());
    limits.remove(Keys.GPU_RESOURCE);
    requests.remove(Keys.GPU_RESOURCE);
    if (gpus > 0) {
      limits.put(Keys.GPU_RESOURCE, new Quantity(Integer.toString(gpus)));
      requests.put(Keys.GPU_RESOURCE, new Quantity(Integer.toString(gpus)));
    }
    r.setLimits(limits);
    r.setRequests(requests);
    c.setResources(r);
  }

  /**
   * Pod Security "restricted": never privileged, no escalation, all capabilities dropped, RuntimeDefault seccomp. The only
   * thing a template may keep is an explicit runAsNonRoot=false, for images that cannot run as non-root.
   */
  private static void harden(PodSpec spec) {
    PodSecurityContext psc = spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
    if (psc.getRunAsNonRoot() == null) {
      psc.setRunAsNonRoot(true);
    }
    psc.setSeccompProfile(new SeccompProfile(null, "RuntimeDefault"));
    spec.setSecurityContext(psc);
    spec.setHostNetwork(false);
    spec.setHostPID(false);
    spec.setHostIPC(false);
    List<Container> all = new ArrayList<>(spec.getContainers());
    if (spec.getInitContainers() != null) {
      all.addAll(spec.getInitContainers());
    }
    for (Container c : all) {
      SecurityContext sc = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
      sc.setPrivileged(false);
      sc.setAllowPrivilegeEscalation(false);
      sc.setCapabilities(new Capabilities(null, List.of("ALL")));
      c.setSecurityContext(sc);
    }
  }

  private static String hash(PodSpec spec, Map<String, String> labels, Map<String, String> annotations) {
    return Names.sha256(Serialization.asJson(spec) + labels + annotations).substring(0, 16);
  }
}
