package io.gpushift.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.testkit.FakeGpuNodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverlapsTest {

  static GPUNodePool pool(String name, String zone) {
    return Serialization.unmarshal("""
        apiVersion: gpushift.io/v1alpha1
        kind: GPUNodePool
        metadata: {name: %s}
        spec:
          nodeSelector: {zone: %s}
          electricity: {usdPerKWh: 0.1}
        """.formatted(name, zone), GPUNodePool.class);
  }

  @Test
  void aNodeTwoPoolsSelectBelongsToTheFirstByNameAndTheOtherNamesIt() {
    Node a = FakeGpuNodes.node("n-a", "NVIDIA-H100-80GB-HBM3", 81559, 8);
    a.getMetadata().getLabels().put("zone", "a");
    Node b = FakeGpuNodes.node("n-b", "NVIDIA-H100-80GB-HBM3", 81559, 8);
    b.getMetadata().getLabels().put("zone", "b");
    GPUNodePool first = pool("farm-a", "a");
    GPUNodePool second = pool("farm-b", "a");
    GPUNodePool other = pool("farm-c", "b");
    List<GPUNodePool> all = List.of(second, other, first);

    assertThat(Overlaps.claimedElsewhere(first, all, List.of(a, b))).isEmpty();
    assertThat(Overlaps.claimedElsewhere(other, all, List.of(a, b))).isEmpty();
    Map<String, String> claimed = Overlaps.claimedElsewhere(second, all, List.of(a, b));
    assertThat(claimed).containsExactly(Map.entry("n-a", "farm-a"));
    assertThat(Overlaps.problems("farm-b", claimed)).singleElement().asString()
        .contains("GPUNodePool farm-b: spec.nodeSelector also selects 1 node(s) of GPUNodePool farm-a (n-a)");
  }
}
