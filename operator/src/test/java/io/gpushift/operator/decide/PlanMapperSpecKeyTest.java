package io.gpushift.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.AIWorkload;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec key names the owner's generation and the node's tolerations, so a changed spec is never a cache hit. */
class PlanMapperSpecKeyTest {

  static AIWorkload workload(Long generation) {
    AIWorkload w = Serialization.unmarshal("""
        apiVersion: gpushift.io/v1alpha1
        kind: AIWorkload
        metadata: {name: llm, namespace: ai, uid: u1}
        spec: {}
        """, AIWorkload.class);
    w.getMetadata().setGeneration(generation);
    return w;
  }

  @Test
  void generationAndTolerationsAreInTheKey() {
    var taint = List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").withEffect("NoSchedule")
        .build());
    assertThat(PlanMapper.specKey(workload(1L), List.of())).isEqualTo("AIWorkload/ai/llm/u1@1");
    assertThat(PlanMapper.specKey(workload(2L), List.of())).isNotEqualTo(PlanMapper.specKey(workload(1L), List.of()));
    assertThat(PlanMapper.specKey(workload(1L), taint)).isNotEqualTo(PlanMapper.specKey(workload(1L), List.of()));
    assertThat(PlanMapper.specKey(workload(null), List.of())).as("no generation: not cacheable").isNull();
  }
}
