package io.gpushift.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.translate.EngineInputs;
import io.gpushift.api.translate.FeedLookup;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class FitTest {

  static final String H100 = "NVIDIA-H100-80GB-HBM3";
  static final List<Node> NODES = List.of(new Node("n0", "farm", H100, 81559, 8, true, List.of(), null, false, null));

  static AiOption workload(String extra) {
    AIWorkload w = Serialization.unmarshal("""
        apiVersion: gpushift.io/v1alpha1
        kind: AIWorkload
        metadata: {name: w, namespace: ai}
        spec:
          template: {spec: {containers: [{name: s, image: x}]}}
          profiles:
            - {gpuProduct: %s, revenuePerGpuHour: {value: 2}, watts: 700}
            - {gpuProduct: NVIDIA-A100-SXM4-80GB, revenuePerGpuHour: {value: 1}, watts: 400}
        """.formatted(H100) + extra.indent(2), AIWorkload.class);
    return new EngineInputs(FeedLookup.NONE).ai(w).option();
  }

  @Test
  void namesTheFieldThatRulesOutEveryGpu() {
    assertThat(Fit.why(workload(""), NODES)).isNull();
    assertThat(Fit.why(workload("requirements: {gpuProducts: [NVIDIA-A100-SXM4-80GB]}"), NODES))
        .startsWith("spec.requirements.gpuProducts [NVIDIA-A100-SXM4-80GB] names none");
    assertThat(Fit.why(workload("requirements: {minGpuMemoryMiB: 204800}"), NODES))
        .isEqualTo("spec.requirements.minGpuMemoryMiB 204800 exceeds the largest GPU memory here (81559 MiB)");
    assertThat(Fit.why(workload("gpusPerReplica: 16"), NODES))
        .isEqualTo("spec.gpusPerReplica 16 exceeds the largest node here (8 GPUs)");
    List<Node> rtx = List.of(new Node("r0", "farm", "NVIDIA-GeForce-RTX-4090", 24564, 8, true, List.of(), null, false,
        null));
    assertThat(Fit.why(workload(""), rtx)).startsWith("spec.profiles has no entry for the GPU products here "
        + "[NVIDIA-GeForce-RTX-4090]");
  }
}
