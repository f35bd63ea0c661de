package io.gpushift.operator.gather;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.gpushift.operator.Keys;
import io.gpushift.testkit.FakeGpuNodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GathererTest {

  @Test
  void aNodeWithoutGpuFeatureDiscoveryLabelsIsReportedAndNotPlanned() {
    Node labelled = FakeGpuNodes.node("a", "NVIDIA-H100-80GB-HBM3", 81559, 8);
    Node bare = FakeGpuNodes.node("b", "NVIDIA-H100-80GB-HBM3", 81559, 8);
    bare.getMetadata().getLabels().remove(Keys.GFD_PRODUCT);
    Node blank = FakeGpuNodes.node("c", "NVIDIA-H100-80GB-HBM3", 81559, 8);
    blank.getMetadata().getLabels().put(Keys.GFD_PRODUCT, "");

    Gathered g = Gatherer.gather("pool", Map.of(), List.of(labelled, bare, blank), List.of());

    assertThat(g.engineNodes()).extracting(io.gpushift.engine.model.Node::name).containsExactly("a");
    assertThat(g.views()).containsOnlyKeys("a", "b", "c");
    assertThat(g.problems()).containsExactly(
        "node b has no nvidia.com/gpu.product label (is GPU Feature Discovery running?)",
        "node c has no nvidia.com/gpu.product label (is GPU Feature Discovery running?)");
  }

  @Test
  void aSelectorThatSelectsNoNodeIsNamed() {
    Node a = FakeGpuNodes.node("a", "NVIDIA-H100-80GB-HBM3", 81559, 8);
    assertThat(Gatherer.gather("pool", Map.of("zone", "nowhere"), List.of(a), List.of()).views()).isEmpty();
    assertThat(Gatherer.selectsNothing("pool", Map.of("zone", "nowhere")))
        .isEqualTo("GPUNodePool pool: spec.nodeSelector {zone=nowhere} selects no GPU node: nothing to plan");
  }
}
