package io.gpushift.operator.it;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.operator.realize.Pods;
import io.gpushift.testkit.LocalCluster;
import io.gpushift.testkit.LocalClusterExtension;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two 8-GPU H100 kwok nodes dedicated to the test, a pool selecting them, and the operator running in-process. */
@ExtendWith(LocalClusterExtension.class)
abstract class OperatorItBase {

  static final Duration WAIT = Duration.ofSeconds(60);
  LocalCluster cluster;
  KubernetesClient client;
  List<String> nodes;
  InProcessOperator operator;

  @BeforeEach
  void start(LocalCluster cluster, KubernetesClient client) {
    this.cluster = cluster;
    this.client = client;
    nodes = cluster.createDedicatedGpuNodes(2, 8, Crs.H100, 81559).stream().map(n -> n.getMetadata().getName())
        .toList();
    operator = InProcessOperator.start(cluster);
  }

  /** The pool goes first, while the operator still runs to release its finalizer (and remove our pods). */
  @AfterEach
  void stop() {
    cluster.adminClient().resources(GPUNodePool.class).withName(cluster.namespace()).delete();
    if (operator != null) {
      await("pool deleted").atMost(WAIT).until(() -> pool() == null);
      operator.close();
    }
  }

  void awaitRunning(String what, Predicate<Pod> filter, int count) {
    await(what).atMost(WAIT).until(() -> running().stream().filter(filter).count() == count);
  }

  List<Pod> running() {
    return client.pods().list().getItems().stream()
        .filter(p -> "Running".equals(p.getStatus().getPhase()) && !Pods.terminating(p)).toList();
  }

  Node node(String name) {
    return cluster.adminClient().nodes().withName(name).get();
  }

  GPUNodePool pool() {
    return cluster.adminClient().resources(GPUNodePool.class).withName(cluster.namespace()).get();
  }

  static String ready(GPUNodePool pool) {
    return pool == null || pool.getStatus() == null ? null : pool.getStatus().conditions.stream()
        .filter(c -> "Ready".equals(c.type)).map(c -> c.reason).findFirst().orElse(null);
  }
}
