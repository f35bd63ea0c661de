package io.gpushift.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.Node;
import io.gpushift.operator.realize.PodFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutTest {

  private static final Instant SINCE = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void aContractReplicaIsOutdatedOnceItsTemplateChangesAndTheEngineNoLongerCountsIt() {
    AIWorkload contract = workload("vllm:1");
    Pod live = PodFactory.build("pool", PlanMapper.replica(contract, "n0", "contract-n0-0", "", List.of(), new java.util.HashMap<>()));
    live.getSpec().setNodeName("n0");
    live.getMetadata().setUid("u1");
    var ai = Map.of("ns/contract", contract);
    assertThat(Rollout.outdated("pool", List.of(live), ai, Map.of())).isEmpty();

    var changed = Map.of("ns/contract", workload("vllm:2"));
    List<Pod> outdated = Rollout.outdated("pool", List.of(live), changed, Map.of());
    assertThat(outdated).containsExactly(live);

    Node n0 = new Node("n0", "pool", "H100", 81559, 8, true, List.of(new Assignment("ns/contract", 4, SINCE),
        new Assignment("ns/llm", 4, SINCE)), null, false, Map.of());
    Node shown = Rollout.hide(List.of(n0), outdated).get(0);
    assertThat(shown.gpuCount()).as("the old replica's GPUs are taken, as by another's pod").isEqualTo(4);
    assertThat(shown.assignments()).containsExactly(new Assignment("ns/llm", 4, SINCE));
  }

  private static AIWorkload workload(String image) {
    AIWorkload w = Serialization.unmarshal("""
        apiVersion: gpushift.io/v1alpha1
        kind: AIWorkload
        metadata: {name: contract, namespace: ns, uid: uid-contract}
        spec:
          template:
            spec:
              containers: [{name: server, image: "%s"}]
          gpusPerReplica: 4
          minReplicas: 1
          maxReplicas: 1
          profiles: [{gpuProduct: H100, revenuePerGpuHour: {value: 2}, watts: 700}]
          commitment: Guaranteed
        """.formatted(image), AIWorkload.class);
    return w;
  }
}
