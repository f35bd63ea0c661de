package io.gpushift.operator.realize;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.gpushift.operator.Keys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepsTest {

  @Test
  void nodeWritesPairEachLabelPatchWithThePodsToCreateOnThatNode() {
    Steps steps = new Steps();
    steps.nodePatches.add(new Steps.NodePatch("n1", Map.of(Keys.USE, "idle"), Map.of()));
    steps.nodePatches.add(new Steps.NodePatch("n2", Map.of(Keys.USE, "ai"), Map.of()));
    steps.create.add(pod("a", "n2"));
    steps.create.add(pod("b", "n3"));
    steps.create.add(pod("c", "n2"));

    var writes = steps.byNode();

    assertThat(writes).extracting(Steps.NodeWrites::node).containsExactly("n1", "n2", "n3");
    assertThat(writes.get(0).create()).isEmpty();
    assertThat(writes.get(1).patch().labels()).containsEntry(Keys.USE, "ai");
    assertThat(writes.get(1).create()).extracting(p -> p.getMetadata().getName()).containsExactly("a", "c");
    assertThat(writes.get(2).patch()).isNull();
    assertThat(writes.stream().mapToInt(w -> w.create().size()).sum()).isEqualTo(steps.create.size());
  }

  private static Pod pod(String name, String node) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().addToNodeSelector(Keys.HOSTNAME, node).endSpec().build();
  }
}
