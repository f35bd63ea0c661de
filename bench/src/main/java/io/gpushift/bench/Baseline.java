package io.gpushift.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * The yardstick: a plain Fabric8 client making the same pods (same namespaces, nodes and GPU counts) directly, with
 * {@code concurrency} requests in flight, timed until every pod is Running or gone, as seen by the same informer.
 */
final class Baseline {

  static final String LABEL = "gpushift-bench/baseline";
  private final KubernetesClient client;
  private final Pods pods;
  private final int concurrency;

  Baseline(KubernetesClient client, Pods pods, int concurrency) {
    this.client = client;
    this.pods = pods;
    this.concurrency = concurrency;
  }

  static String name(Pods.Shape s) {
    return "bl-" + s.name();
  }

  Duration create(Collection<Pods.Shape> shapes) throws Exception {
    int target = pods.size() + shapes.size();
    Instant t0 = Instant.now();
    run(shapes.stream().map(s -> (Runnable) () -> client.pods().inNamespace(s.namespace()).resource(pod(s)).create())
        .toList());
    return awaitQuiet(t0, () -> pods.size() == target && pods.settled());
  }

  Duration delete(Collection<Pods.Shape> shapes) throws Exception {
    int target = pods.size() - shapes.size();
    Instant t0 = Instant.now();
    run(shapes.stream().map(s -> (Runnable) () -> client.pods().inNamespace(s.namespace()).withName(name(s)).delete())
        .toList());
    return awaitQuiet(t0, () -> pods.size() == target && pods.settled());
  }

  private void run(List<Runnable> writes) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
      List<Future<?>> done = new java.util.ArrayList<>();
      writes.forEach(w -> done.add(pool.submit(w)));
      for (Future<?> f : done) {
        f.get();
      }
    }
  }

  /** From t0 until the informer last saw a change, once the condition holds. */
  private Duration awaitQuiet(Instant t0, BooleanSupplier done) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("baseline pods not settled after 20 min");
      }
      Thread.sleep(50);
    }
    return Duration.between(t0, pods.lastChange());
  }

  static Pod pod(Pods.Shape s) {
    Map<String, Quantity> gpus = Map.of("nvidia.com/gpu", new Quantity(Integer.toString(s.gpus())));
    return new PodBuilder().withNewMetadata().withName(name(s)).withNamespace(s.namespace())
        .addToLabels(LABEL, "true").endMetadata()
        .withNewSpec().addToNodeSelector("kubernetes.io/hostname", s.node())
        .addNewContainer().withName("c").withImage("ghcr.io/example/vllm-server:0.6")
        .withNewResources().withRequests(gpus).withLimits(gpus).endResources().endContainer()
        .endSpec().build();
  }
}
