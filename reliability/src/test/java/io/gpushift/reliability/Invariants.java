package io.gpushift.reliability;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.gpushift.operator.Keys;
import io.gpushift.operator.realize.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches the test namespace's pods for the whole fault run and records every broken promise:
 * <ul>
 *   <li>a node's pods (Pending and terminating ones included) asking for more GPUs than it has: a GPU promised twice;</li>
 *   <li>a Guaranteed contract running fewer replicas than its minimum once it had them (no test here removes a
 *   contract; a replica may be replaced, create-before-delete);</li>
 *   <li>a preemptible replica deleted without its checkpoint request, or before the grace it was created with ran out
 *   unacknowledged (an edit of its annotation does not shorten what was promised).</li>
 * </ul>
 * The API server's own timestamps are used where there are some.
 */
final class Invariants implements AutoCloseable {

  /** RFC 3339 times have whole seconds: allow that much rounding between request and deletion. */
  private static final Duration ROUNDING = Duration.ofSeconds(1);

  private final int gpusPerNode;
  private final Map<String, Integer> contracts;
  private final Set<String> contractsMet = ConcurrentHashMap.newKeySet();
  private final Map<String, Pod> live = new ConcurrentHashMap<>();
  private final Set<String> preempted = ConcurrentHashMap.newKeySet();
  /** By uid, the checkpoint grace a replica was first seen with: what it was promised, whatever is edited later. */
  private final Map<String, String> promisedGrace = new ConcurrentHashMap<>();
  private final Set<String> exemptNodes = ConcurrentHashMap.newKeySet();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final SharedIndexInformer<Pod> informer;

  private Invariants(KubernetesClient client, int gpusPerNode, Map<String, Integer> contracts) {
    this.gpusPerNode = gpusPerNode;
    this.contracts = contracts;
    // An informer, not a bare watch: it re-lists after an API server or etcd restart instead of giving up.
    this.informer = client.pods().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        observe(pod);
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        observe(pod);
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        observeGone(pod);
      }
    });
  }

  /** @param contracts Guaranteed AIWorkloads by name, with their minimum replicas */
  static Invariants watch(KubernetesClient client, int gpusPerNode, Map<String, Integer> contracts) {
    return new Invariants(client, gpusPerNode, contracts);
  }

  /** Pods on a node the test deletes may be removed by the pod garbage collector: not the operator's doing. */
  void exemptNode(String node) {
    exemptNodes.add(node);
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  /** Preemptible replicas seen going, each checked against its checkpoint request and grace. */
  int preemptions() {
    return preempted.size();
  }

  private synchronized void observe(Pod pod) {
    if (Pods.finished(pod)) {
      live.remove(pod.getMetadata().getName());
      return;
    }
    live.put(pod.getMetadata().getName(), pod);
    String grace = Pods.annotation(pod, Keys.CHECKPOINT_GRACE_SECONDS);
    if (grace != null) {
      promisedGrace.putIfAbsent(pod.getMetadata().getUid(), grace);
    }
    if (Pods.terminating(pod)) {
      checkDeletion(pod);
    }
    checkContracts();
    String node = Pods.node(pod);
    int asked = live.values().stream().filter(p -> node != null && node.equals(Pods.node(p))).mapToInt(Pods::gpus).sum();
    if (asked > gpusPerNode) {
      violations.add("node %s: its pods ask for %d GPUs, it has %d (%s)".formatted(node, asked, gpusPerNode,
          live.values().stream().filter(p -> node.equals(Pods.node(p))).map(p -> p.getMetadata().getName()).toList()));
    }
  }

  private synchronized void observeGone(Pod pod) {
    checkDeletion(pod);
    live.remove(pod.getMetadata().getName());
    checkContracts();
  }

  private void checkContracts() {
    contracts.forEach((workload, min) -> {
      if (live.values().stream().anyMatch(p -> workload.equals(Pods.label(p, Keys.WORKLOAD))
          && exemptNodes.contains(String.valueOf(Pods.node(p))))) {
        contractsMet.remove(workload); // lost with its node: judged again once replaced
        return;
      }
      long running = live.values().stream().filter(p -> workload.equals(Pods.label(p, Keys.WORKLOAD)))
          .filter(p -> "Running".equals(p.getStatus().getPhase()) && !Pods.terminating(p)).count();
      if (running >= min) {
        contractsMet.add(workload);
      } else if (contractsMet.contains(workload)) {
        violations.add("contract %s runs %d replica(s), its minimum is %d".formatted(workload, running, min));
        contractsMet.remove(workload); // report each drop once
      }
    });
  }

  private void checkDeletion(Pod pod) {
    String name = pod.getMetadata().getName();
    // By uid: a replica re-created under the same name is another replica with its own grace.
    // A contract is judged by its running count (checkContracts), not by single replicas.
    if (Pods.isMiner(pod) || Pods.guaranteed(pod) || exemptNodes.contains(String.valueOf(Pods.node(pod)))
        || !preempted.add(pod.getMetadata().getUid())) {
      return;
    }
    String requested = Pods.annotation(pod, Keys.CHECKPOINT_REQUESTED_AT);
    if (requested == null) {
      violations.add("replica " + name + " was deleted without a checkpoint request");
      return;
    }
    String grace = promisedGrace.get(pod.getMetadata().getUid());
    String deletedAt = pod.getMetadata().getDeletionTimestamp();
    boolean acknowledged = Pods.annotation(pod, Keys.CHECKPOINT_DONE) != null;
    if (grace != null && deletedAt != null && !acknowledged) {
      Duration given = Duration.between(Instant.parse(requested), Instant.parse(deletedAt));
      if (given.plus(ROUNDING).compareTo(Duration.ofSeconds(Long.parseLong(grace))) < 0) {
        violations.add("replica %s was deleted %d ms after its checkpoint request, grace %s s, no acknowledgement"
            .formatted(name, given.toMillis(), grace));
      }
    }
  }

  @Override
  public void close() {
    informer.close();
  }
}
