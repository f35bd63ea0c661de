package io.gpushift.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.operator.Keys;
import io.gpushift.operator.realize.Pods;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The operator's first promises, each on the real control plane with kwok GPU nodes dedicated to the test. */
class OperatorCoreIT extends OperatorItBase {

  @Test
  void minersRunOnThePlannedNodesWithTheirGpus() {
    Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Auto", 0.10, null);

    awaitRunning("a miner on each node", p -> Pods.isMiner(p), 2);
    Map<String, Integer> gpusByNode = running().stream()
        .collect(Collectors.toMap(p -> p.getSpec().getNodeName(), Pods::gpus));
    assertThat(gpusByNode).isEqualTo(Map.of(nodes.get(0), 8, nodes.get(1), 8));
    Pod miner = running().get(0);
    assertThat(miner.getSpec().getPriorityClassName()).isEqualTo(Keys.PRIORITY_MINING);
    assertThat(miner.getSpec().getContainers().get(0).getSecurityContext().getPrivileged()).isFalse();
    assertThat(miner.getSpec().getContainers().get(0).getArgs()).contains("stratum+tcp://etc.example-pool.org:1010");
    assertThat(miner.getSpec().getContainers().get(0).getEnv().get(0).getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("pool-credentials");
    await("nodes labelled mining").atMost(WAIT).until(() -> nodes.stream()
        .allMatch(n -> "mining".equals(node(n).getMetadata().getLabels().get(Keys.USE))));
    await("pool Ready with 16 mining GPUs").atMost(WAIT).until(() -> {
      GPUNodePool pool = pool();
      return pool.getStatus() != null && pool.getStatus().gpus != null && pool.getStatus().gpus.mining == 16
          && "Applied".equals(ready(pool));
    });
  }

  @Test
  void guaranteedWorkloadDisplacesMinersAtOnce() {
    Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Auto", 0.10, null);
    awaitRunning("miners", Pods::isMiner, 2);

    Crs.ai(client, "contract", "Guaranteed", 1, 1, 8, 2.0, 300);

    awaitRunning("the guaranteed replica", p -> !Pods.isMiner(p), 1);
    Pod replica = running().stream().filter(p -> !Pods.isMiner(p)).findFirst().orElseThrow();
    assertThat(replica.getSpec().getPriorityClassName()).isEqualTo(Keys.PRIORITY_AI_GUARANTEED);
    assertThat(Pods.gpus(replica)).isEqualTo(8);
    await("one miner left, on the other node").atMost(WAIT).until(() -> running().stream()
        .filter(Pods::isMiner).map(p -> p.getSpec().getNodeName()).toList()
        .equals(List.of(nodes.stream().filter(n -> !n.equals(replica.getSpec().getNodeName())).findFirst().get())));
  }

  @Test
  void recommendModeChangesNothingButStatus() {
    Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Recommend", 0.10, null);

    await("a recommendation in status").atMost(WAIT).until(() -> {
      GPUNodePool pool = pool();
      return pool.getStatus() != null && pool.getStatus().lastDecision != null
          && pool.getStatus().lastDecision.summary.startsWith("recommended");
    });
    await("nothing else happens").during(Duration.ofSeconds(8)).atMost(WAIT).until(() ->
        client.pods().list().getItems().isEmpty()
            && nodes.stream().noneMatch(n -> node(n).getMetadata().getLabels().containsKey(Keys.USE)));
    // Status, and the finalizer the operator puts on its own GPUNodePool (so deleting it can clean up).
    assertThat(operator.writeLog).allMatch(w -> w.endsWith("/status")
        || w.equals("PATCH /apis/gpushift.io/v1alpha1/gpunodepools/" + cluster.namespace()), "only status writes");
  }

  @Test
  void preemptibleReplicaGetsCheckpointRequestGraceAndAckShortensIt() {
    Crs.pool(cluster, "Auto", 0.10, null);
    Crs.ai(client, "batch", "Preemptible", 0, 2, 8, 1.5, 600);
    awaitRunning("preemptible replicas", p -> true, 2);

    Crs.ai(client, "contract", "Guaranteed", 1, 1, 8, 2.0, 300);

    await("a checkpoint request").atMost(WAIT).until(() -> running().stream()
        .anyMatch(p -> Pods.annotation(p, Keys.CHECKPOINT_REQUESTED_AT) != null));
    Pod victim = running().stream().filter(p -> Pods.annotation(p, Keys.CHECKPOINT_REQUESTED_AT) != null)
        .findFirst().orElseThrow();
    await("a CheckpointRequested event").atMost(WAIT).until(() -> client.v1().events().list().getItems().stream()
        .anyMatch(e -> "CheckpointRequested".equals(e.getReason())
            && victim.getMetadata().getName().equals(e.getInvolvedObject().getName())));
    await("the replica keeps its grace").during(Duration.ofSeconds(6)).atMost(WAIT).until(() ->
        client.pods().withName(victim.getMetadata().getName()).get() != null);

    // a merge patch (no resourceVersion): the operator may write the pod between a read and an edit (409)
    client.pods().withName(victim.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"annotations\":{\"" + Keys.CHECKPOINT_DONE + "\":\"true\"}}}");

    await("deleted soon after the acknowledgement").atMost(Duration.ofSeconds(20)).until(() ->
        client.pods().withName(victim.getMetadata().getName()).get() == null);
    awaitRunning("the guaranteed replica", p -> "contract".equals(Pods.label(p, Keys.WORKLOAD)), 1);
  }

  @Test
  void quietClusterMakesNoWrites() {
    Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Auto", 0.10, null);
    awaitRunning("miners", Pods::isMiner, 2);
    await("status settled").atMost(WAIT).until(() -> "Applied".equals(ready(pool())));
    long before = operator.writes();
    // 20 s is four ticks of the in-process operator (5 s): four full decisions with nothing to do.
    try {
      await("no writes while nothing changes").during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30))
          .until(() -> operator.writes() == before);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("writes during the quiet period: " + operator.writeLog, e);
    }
    assertThat(operator.writes() - before).as("writes during the quiet period: %s", operator.writeLog).isZero();
  }
}
