package io.gpushift.operator.realize;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.operator.Keys;
import io.gpushift.operator.model.DesiredState;
import io.gpushift.operator.model.Owner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Makes the cluster match a {@link DesiredState}: computes {@link Steps} from cached state, then performs exactly those
 * writes. Every write is idempotent (deterministic names, 404/409 tolerated), so a crash between two writes is repaired by
 * the next pass rather than by bookkeeping.
 */
public class Realizer {

  private static final Logger LOG = Logger.getLogger(Realizer.class);
  /** Writes in flight per pass; the API server handles these easily, the client's round trips are the limit. */
  static final int IN_FLIGHT = 16;
  private final KubernetesClient client;
  private final EventRecorder events;
  private final Clock clock;

  public Realizer(KubernetesClient client, EventRecorder events, Clock clock) {
    this.client = client;
    this.events = events;
    this.clock = clock;
  }

  public Steps realize(DesiredState desired, List<Pod> actual, Map<String, NodeView> nodes, Duration settle) {
    Steps steps = Realization.plan(desired, actual, nodes, clock.instant(), settle);
    // One failed write (a namespace being deleted, a quota, a webhook) must not stop the others: each is attempted,
    // failures are reported in status and retried by the next pass. Writes run in parallel (they are independent:
    // admission already reserved every created pod's GPUs): deletions, then checkpoint requests and their
    // cancellations, then per node its label and its new pods.
    inParallel(steps, steps.deleteNow, r -> "delete " + name(r.pod()), this::delete);
    inParallel(steps, steps.requestCheckpoint, r -> "checkpoint " + name(r.pod()), this::requestCheckpoint);
    inParallel(steps, steps.cancelCheckpoint, p -> "un-checkpoint " + name(p),
        p -> annotate(p, Keys.CHECKPOINT_REQUESTED_AT, null));
    // A node's label before its new pods, but no node waits for the others: the cluster schedules the first pods
    // while later nodes are labelled (a 1,000-node cold start is 1,000 patches and 2,380 creates).
    inParallel(steps, steps.byNode(), w -> "write node " + w.node(), w -> {
      if (w.patch() != null) {
        attempt(steps, "label node " + w.node(), () -> applyNode(w.patch()));
      }
      w.create().forEach(p -> attempt(steps, "create " + name(p), () -> create(p)));
    });
    summarise(desired, steps);
    return steps;
  }

  /**
   * Up to {@link #IN_FLIGHT} writes at a time: one at a time, 1,000 pods wait on 1,000 round trips (the scale
   * benchmark, docs/benchmarks.md, measured a cold start 10× slower than a plain client with 16 in flight).
   */
  private static <T> void inParallel(Steps steps, List<T> items, Function<T, String> what, Consumer<T> write) {
    if (items.size() <= 1) {
      items.forEach(i -> attempt(steps, what.apply(i), () -> write.accept(i)));
      return;
    }
    List<Future<?>> writes = new ArrayList<>();
    try (ExecutorService writers = Executors.newFixedThreadPool(Math.min(IN_FLIGHT, items.size()))) {
      items.forEach(i -> writes.add(writers.submit(() -> attempt(steps, what.apply(i), () -> write.accept(i)))));
    }
    for (Future<?> w : writes) { // anything but an API error fails the pass, as it did when writing one by one
      try {
        w.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing", e);
      }
    }
  }

  private static void attempt(Steps steps, String what, Runnable write) {
    try {
      write.run();
    } catch (KubernetesClientException e) {
      String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
          : e.getMessage();
      LOG.warnf("%s failed: %s", what, reason);
      synchronized (steps.failures) {
        steps.failures.add(what + ": " + reason);
      }
    }
  }

  private static String name(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  private void applyNode(Steps.NodePatch patch) {
    // Server-side apply of only the fields we own: other actors' labels are untouched, and ours stay consistent.
    client.nodes().resource(new NodeBuilder().withNewMetadata().withName(patch.node())
            .withLabels(patch.labels()).withAnnotations(patch.annotations()).endMetadata().build())
        .fieldManager(Keys.FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  private void create(Pod pod) {
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) { // 409: a stale cache missed our own earlier create; the pod is there
        throw e;
      }
    }
  }

  private void delete(Steps.Removal removal) {
    Pod pod = removal.pod();
    var resource = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName());
    if (removal.force()) {
      resource.withGracePeriod(0).delete();
    } else {
      resource.delete();
    }
  }

  private void requestCheckpoint(Steps.Removal removal) {
    annotate(removal.pod(), Keys.CHECKPOINT_REQUESTED_AT, clock.instant().toString());
    events.normal(removal.pod(), "CheckpointRequested", "GPUShift will delete this replica within "
        + Pods.annotation(removal.pod(), Keys.CHECKPOINT_GRACE_SECONDS) + " s: " + removal.reason()
        + ". Checkpoint now and set the annotation " + Keys.CHECKPOINT_DONE + " to go sooner.");
  }

  private void annotate(Pod pod, String key, String value) {
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(key, value);
    String patch = Serialization.asJson(Map.of("metadata", Map.of("annotations", annotations)));
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  /** One Event per owner per pass, not one per pod: explains the move without doubling the writes. */
  private void summarise(DesiredState desired, Steps steps) {
    if (steps.create.isEmpty() && steps.deleteNow.isEmpty()) {
      return; // a quiet pass: no map of every planned pod's reason
    }
    Map<String, StringBuilder> byOwner = new LinkedHashMap<>();
    Map<String, Pod> sample = new LinkedHashMap<>();
    Function<Pod, StringBuilder> line = p -> {
      String key = Pods.ownerKeyInNamespace(p);
      sample.putIfAbsent(key, p);
      return byOwner.computeIfAbsent(key, k -> new StringBuilder());
    };
    Map<String, String> reasons = new LinkedHashMap<>();
    desired.pods().forEach(d -> reasons.put(d.name(), d.reason()));
    steps.create.forEach(p -> {
      String why = reasons.getOrDefault(p.getMetadata().getName(), "plan of GPUNodePool " + desired.pool());
      String node = Pods.node(p);
      line.apply(p).append("placed ").append(p.getMetadata().getName()).append(" (").append(Pods.gpus(p))
          .append(" GPU on ").append(why.startsWith(node + ": ") ? why : node + ": " + why).append("); ");
    });
    steps.deleteNow.forEach(r -> line.apply(r.pod()).append("removed ").append(r.pod().getMetadata().getName())
        .append(" (").append(r.reason()).append("); "));
    byOwner.forEach((key, text) -> {
      Pod p = sample.get(key);
      OwnerReference o = Pods.controller(p).orElse(null);
      LOG.infof("pool %s: %s", desired.pool(), text);
      if (o != null) {
        events.normal(new Owner(o.getApiVersion(), o.getKind(), o.getName(), o.getUid()),
            p.getMetadata().getNamespace(), "GpusShifted", text.toString().trim());
      }
    });
  }
}
