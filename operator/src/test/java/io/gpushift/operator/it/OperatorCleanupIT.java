package io.gpushift.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.operator.Keys;
import io.gpushift.operator.realize.Pods;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deleting things: a pool takes our pods with it and nothing else; a MiningPool or AIWorkload takes its own pods. */
class OperatorCleanupIT extends OperatorItBase {

  @Test
  void deletingThePoolRemovesOurPodsKeepsOthersAndReleasesTheNodes() {
    Pod foreign = client.resource(Foreign.gpuPod(cluster, "someone-elses", nodes.get(0), 2, Map.of())).create();
    awaitRunning("the foreign pod", p -> p.getMetadata().getName().equals("someone-elses"), 1);
    Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Auto", 0.10, null);
    awaitRunning("miners", Pods::isMiner, 2);
    await("pool finalizer in place").atMost(WAIT).until(() -> !pool().getMetadata().getFinalizers().isEmpty());

    cluster.adminClient().resources(GPUNodePool.class).withName(cluster.namespace()).delete();

    await("the pool is gone, and our pods with it").atMost(WAIT).until(() -> pool() == null
        && client.pods().list().getItems().stream().noneMatch(Pods::isMiner));
    await("node labels released").atMost(WAIT).until(() -> nodes.stream()
        .noneMatch(n -> node(n).getMetadata().getLabels().containsKey(Keys.USE)));
    Pod still = client.pods().withName("someone-elses").get();
    assertThat(still).isNotNull();
    assertThat(still.getMetadata().getUid()).isEqualTo(foreign.getMetadata().getUid());
    assertThat(Pods.terminating(still)).isFalse();
  }

  @Test
  void deletingAMiningPoolOrAWorkloadRemovesItsPodsEvenWithTheOperatorDown() {
    MiningPool etc = Crs.mining(client, "etc", 0.30);
    Crs.pool(cluster, "Auto", 0.10, null);
    awaitRunning("miners", Pods::isMiner, 2);
    assertThat(running()).allSatisfy(p -> assertThat(Pods.controller(p)).hasValueSatisfying(o -> {
      assertThat(o.getUid()).isEqualTo(etc.getMetadata().getUid());
      assertThat(o.getKind()).isEqualTo("MiningPool");
    }));

    operator.close(); // the garbage collector, not the operator, follows the owner references
    operator = null;
    client.resources(MiningPool.class).withName("etc").delete();
    await("miners collected by the garbage collector").atMost(WAIT)
        .until(() -> client.pods().list().getItems().stream().noneMatch(Pods::isMiner));

    operator = InProcessOperator.start(cluster);
    Crs.ai(client, "llm", "Preemptible", 0, 2, 8, 2.0, 2);
    awaitRunning("replicas", p -> !Pods.isMiner(p), 2);
    client.resources(AIWorkload.class).withName("llm").delete();
    await("replicas gone with their workload").atMost(WAIT).until(() -> client.pods().list().getItems().isEmpty());
  }
}
