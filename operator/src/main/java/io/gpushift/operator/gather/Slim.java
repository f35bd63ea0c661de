package io.gpushift.operator.gather;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.gpushift.operator.Keys;
import io.gpushift.operator.realize.Pods;
import java.util.function.UnaryOperator;

/**
 * What the informer caches keep of Pods and Nodes: only the fields the gatherer, the realizer and the event mappers
 * read. A cached pod is otherwise mostly managedFields, volumes, tolerations and container statuses; the scale
 * benchmark (docs/benchmarks.md) measured the operator's memory growing with them. Pods that request no GPU and are not
 * ours keep only their identity: the decision ignores them, and a real cluster has many.
 */
public final class Slim {

  private Slim() {
  }

  /** An informer store that slims every object as it is cached (in place: the event handlers see the same fields). */
  public static <R extends HasMetadata> BasicItemStore<R> store(UnaryOperator<R> slim) {
    return new BasicItemStore<>(Cache::metaNamespaceKeyFunc) {
      @Override
      public R put(String key, R obj) {
        return super.put(key, slim.apply(obj));
      }
    };
  }

  public static Pod pod(Pod p) {
    ObjectMeta m = p.getMetadata();
    m.setManagedFields(null);
    PodSpec s = p.getSpec();
    if (Pods.gpus(p) == 0 && !Keys.MANAGED_BY_VALUE.equals(Pods.label(p, Keys.MANAGED_BY))) {
      p.setMetadata(identity(m));
      p.setSpec(null);
      p.setStatus(null);
      return Compact.of(p);
    }
    if (s != null) {
      PodSpec slim = new PodSpec();
      slim.setNodeName(s.getNodeName());
      slim.setNodeSelector(s.getNodeSelector());
      if (s.getContainers() != null) {
        slim.setContainers(s.getContainers().stream()
            .map(c -> new ContainerBuilder().withName(c.getName()).withResources(c.getResources()).build()).toList());
      }
      p.setSpec(slim);
    }
    if (p.getStatus() != null) {
      PodStatus status = new PodStatus();
      status.setPhase(p.getStatus().getPhase());
      // Failed reason and container states: how a stuck replica is reported on its workload (report.PodTrouble).
      status.setReason(p.getStatus().getReason());
      status.setMessage(p.getStatus().getMessage());
      if (p.getStatus().getContainerStatuses() != null) {
        status.setContainerStatuses(p.getStatus().getContainerStatuses().stream()
            .map(c -> new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName(c.getName())
                .withState(c.getState()).withRestartCount(c.getRestartCount()).build()).toList());
      }
      p.setStatus(status);
    }
    return Compact.of(p);
  }

  public static Node node(Node n) {
    n.getMetadata().setManagedFields(null);
    NodeStatus s = n.getStatus();
    if (s != null) {
      NodeStatus slim = new NodeStatus();
      slim.setAllocatable(s.getAllocatable());
      slim.setCapacity(s.getCapacity());
      // Readiness alone: the other conditions' messages and heartbeat times are most of a cached node's strings.
      if (s.getConditions() != null) {
        slim.setConditions(s.getConditions().stream().filter(c -> "Ready".equals(c.getType()))
            .map(c -> new NodeCondition(null, null, null, null, c.getStatus(), c.getType())).toList());
      }
      n.setStatus(slim);
    }
    return Compact.of(n);
  }

  private static ObjectMeta identity(ObjectMeta m) {
    ObjectMeta id = new ObjectMeta();
    id.setName(m.getName());
    id.setNamespace(m.getNamespace());
    id.setUid(m.getUid());
    id.setResourceVersion(m.getResourceVersion());
    id.setDeletionTimestamp(m.getDeletionTimestamp());
    return id;
  }
}
