package io.gpushift.operator.realize;

import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.operator.Keys;
import io.gpushift.operator.model.DesiredPod;
import io.gpushift.operator.model.DesiredState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pure heart of the realizer: desired state + what the caches show → the writes to make ({@link Steps}). It never
 * talks to the API server, so the same inputs always give the same steps, and nothing-changed gives no steps.
 */
public final class Realization {

  private Realization() {
  }

  /**
   * @param actual every pod labelled with this pool, terminating ones included
   * @param nodes  every live node of the pool (excluded ones too), by name
   */
  public static Steps plan(DesiredState desired, List<Pod> actual, Map<String, NodeView> nodes, Instant now,
      Duration settle) {
    Steps steps = new Steps();
    Set<String> blocked = NodeGate.apply(desired.nodes().values(), nodes, now, settle, steps, new HashSet<>());
    // Keyed namespace/name: two tenants' workloads of the same name on one node give pods of the same name.
    Map<String, Pod> byKey = actual.stream().filter(p -> !Pods.finished(p))
        .collect(Collectors.toMap(Realization::key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    // A finished pod of ours holds no GPU but still holds its name: delete it, re-create once it is gone.
    Set<String> finished = new HashSet<>();
    actual.stream().filter(Pods::finished).forEach(p -> {
      if (finished.add(key(p)) && !Pods.terminating(p)) {
        steps.deleteNow.add(new Steps.Removal(p, "pod " + p.getStatus().getPhase()
            + (p.getStatus().getReason() == null ? "" : " (" + p.getStatus().getReason() + ")") + ", replaced"));
      }
    });
    Set<String> keep = new HashSet<>(finished);
    List<DesiredPod> toCreate = new ArrayList<>();
    Map<String, List<DesiredPod>> byOwner = desired.pods().stream()
        .collect(Collectors.groupingBy(d -> d.namespace() + "/" + d.owner().key(), LinkedHashMap::new,
            Collectors.toList()));
    for (List<DesiredPod> group : byOwner.values()) {
      if (group.get(0).guaranteed()) {
        matchGuaranteed(desired.pool(), group, byKey, keep, toCreate);
      } else {
        matchByName(desired.pool(), group, byKey, keep, toCreate, steps);
      }
    }
    Contracts.keepUntilReplaced(desired.contracts(), byKey.values(), nodes, keep, steps);
    for (Pod pod : byKey.values()) {
      if (!keep.contains(key(pod)) && (!Pods.terminating(pod) || goneNode(pod, nodes))) {
        Removals.remove(pod, desired.checkpointGrace().get(Pods.ownerKeyInNamespace(pod)), "no longer in the plan", now,
            nodes, steps);
      }
    }
    admit(toCreate, desired.pool(), nodes, blocked, steps);
    return steps;
  }

  static String key(Pod p) {
    return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
  }

  private static String key(DesiredPod d) {
    return d.namespace() + "/" + d.name();
  }

  private static boolean goneNode(Pod pod, Map<String, NodeView> nodes) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return node != null && !nodes.containsKey(node);
  }

  /** Best-effort pods: the plan names them; a live pod with the same name and spec hash is the same pod. */
  private static void matchByName(String pool, List<DesiredPod> group, Map<String, Pod> byKey, Set<String> keep,
      List<DesiredPod> toCreate, Steps steps) {
    for (DesiredPod want : group) {
      Pod live = byKey.get(key(want));
      if (live == null && keep.contains(key(want))) {
        steps.waiting.add(want.name() + ": waiting for the finished pod of that name to go");
      } else if (live == null) {
        toCreate.add(want);
      } else if (Pods.terminating(live)) {
        keep.add(key(want));
        steps.waiting.add(want.name() + ": waiting for the previous pod of that name to terminate");
      } else if (PodFactory.expectedHash(pool, want).equals(Pods.annotation(live, Keys.SPEC_HASH))) {
        keep.add(key(want));
        if (Pods.annotation(live, Keys.CHECKPOINT_REQUESTED_AT) != null && !Removals.acknowledged(live)) {
          steps.cancelCheckpoint.add(live); // wanted again before it left: tell the workload to carry on
        }
      }
      // a live pod with a different hash is left unmatched: it is removed, and re-created once gone
    }
  }

  /**
   * Guaranteed replicas are counted, not named: any healthy replica of the workload, wherever it runs, fulfils the
   * contract, so a plan that would rather have it elsewhere never moves it. Only replicas above the wanted count leave.
   * A replacement whose planned name an outdated replica still holds is created beside it under a name of its own
   * (create-before-delete; {@link Contracts} keeps the old one until the new one runs).
   */
  private static void matchGuaranteed(String pool, List<DesiredPod> group, Map<String, Pod> byKey, Set<String> keep,
      List<DesiredPod> toCreate) {
    DesiredPod first = group.get(0);
    Set<String> wantedNames = group.stream().map(DesiredPod::name).collect(Collectors.toSet());
    List<Pod> mine = byKey.values().stream()
        .filter(p -> Pods.ownerKey(p).equals(first.owner().key()) && !Pods.terminating(p)
            && first.namespace().equals(p.getMetadata().getNamespace()))
        .filter(p -> sameShape(pool, group, p))
        .sorted(Comparator.comparing((Pod p) -> !wantedNames.contains(p.getMetadata().getName()))
            .thenComparing(p -> p.getMetadata().getName()))
        .limit(group.size()).toList();
    mine.forEach(p -> keep.add(key(p)));
    int missing = group.size() - mine.size();
    for (DesiredPod want : group) {
      if (missing <= 0 || keep.contains(key(want))) {
        continue;
      }
      Pod holder = byKey.get(key(want));
      if (holder == null) {
        toCreate.add(want);
        missing--;
      } else if (!Pods.terminating(holder)) {
        toCreate.add(renamed(pool, want));
        missing--;
      }
    }
  }

  /** The same replica under a name derived from its spec hash, so the same plan gives the same name every pass. */
  private static DesiredPod renamed(String pool, DesiredPod d) {
    String name = Names.replacement(d.name(), PodFactory.expectedHash(pool, d));
    return new DesiredPod(d.namespace(), name, d.node(), d.owner(), d.kind(), d.gpus(), d.priorityClass(),
        d.guaranteed(), d.graceSeconds(), d.labels(), d.baseSpec(), d.reason(), d.specKey());
  }

  /** A replica's hash covers its node selector, so compare it with the hash it would have on the node it is on. */
  private static boolean sameShape(String pool, List<DesiredPod> group, Pod p) {
    String node = Pods.node(p);
    DesiredPod twin = group.get(0);
    DesiredPod there = new DesiredPod(twin.namespace(), p.getMetadata().getName(), node, twin.owner(), twin.kind(),
        twin.gpus(), twin.priorityClass(), true, twin.graceSeconds(), twin.labels(), twin.baseSpec(), twin.reason(),
        twin.specKey());
    return PodFactory.expectedHash(pool, there).equals(Pods.annotation(p, Keys.SPEC_HASH));
  }

  /** Creates only what fits in GPUs that are free now, so no GPU is ever promised to two pods. */
  private static void admit(List<DesiredPod> toCreate, String pool, Map<String, NodeView> nodes, Set<String> blocked,
      Steps steps) {
    Map<String, Integer> taken = new HashMap<>();
    toCreate.sort(Comparator.comparing((DesiredPod d) -> !d.guaranteed())
        .thenComparing(d -> d.kind().ordinal() == 0).thenComparing(DesiredPod::name));
    for (DesiredPod want : toCreate) {
      NodeView node = nodes.get(want.node());
      if (node == null) {
        steps.waiting.add(want.name() + ": node " + want.node() + " does not exist");
        continue;
      }
      if (blocked.contains(node.name())) {
        steps.waiting.add(want.name() + ": node " + node.name() + " is switching its device-plugin config");
        continue;
      }
      int free = node.allocatableGpus() - node.usedGpus() - taken.getOrDefault(node.name(), 0);
      if (want.gpus() > free) {
        steps.waiting.add(want.name() + ": needs " + want.gpus() + " GPU(s) on " + node.name() + ", " + free + " free");
        continue;
      }
      taken.merge(node.name(), want.gpus(), Integer::sum);
      steps.create.add(PodFactory.build(pool, want));
    }
  }
}
