package io.gpushift.operator.gather;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class CompactTest {

  @Test
  void aCompactedObjectEqualsTheOriginal() {
    Pod pod = pod("a");
    Pod compact = Compact.of(Serialization.clone(pod));
    assertThat(compact).isEqualTo(pod);
    assertThat(compact.getSpec().getContainers().get(0).getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("4"));
  }

  @Test
  void repeatedStringsAreOneInstanceAndEmptyCollectionsShared() {
    // Two pods read from JSON, as an informer does: equal strings are separate copies until compacted.
    Pod a = Compact.of(Serialization.unmarshal(Serialization.asJson(pod("a")), Pod.class));
    Pod b = Compact.of(Serialization.unmarshal(Serialization.asJson(pod("b")), Pod.class));

    assertThat(a.getMetadata().getLabels().get("gpushift.io/pool"))
        .isSameAs(b.getMetadata().getLabels().get("gpushift.io/pool"));
    assertThat(a.getMetadata().getOwnerReferences().get(0).getKind())
        .isSameAs(b.getMetadata().getOwnerReferences().get(0).getKind());
    assertThat(a.getStatus().getPhase()).isSameAs(b.getStatus().getPhase());
    assertThat(a.getSpec().getVolumes()).isSameAs(b.getSpec().getTolerations()); // the one shared empty list
    assertThat(a.getAdditionalProperties()).isSameAs(b.getMetadata().getAdditionalProperties());
  }

  private static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name)
        .withResourceVersion("7").addToLabels("gpushift.io/pool", "farm").addToLabels("gpushift.io/kind", "miner")
        .addNewOwnerReference().withApiVersion("gpushift.io/v1alpha1").withKind("MiningPool").withName("etc")
        .withUid("u1").withController(true).endOwnerReference().endMetadata()
        .withNewSpec().withNodeName("n1").addNewContainer().withName("miner").withNewResources()
        .addToLimits("nvidia.com/gpu", new Quantity("4")).endResources().endContainer().endSpec()
        .withNewStatus().withPhase("Running").endStatus().build();
  }
}
