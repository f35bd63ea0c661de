package io.gpushift.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.operator.Keys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolEventSourcesTest {

  @Test
  void aNodeHeartbeatDoesNotTriggerADecisionButWhatADecisionReadsDoes() {
    Node old = node("True", "2026-11-25T10:00:00Z");
    assertThat(PoolEventSources.nodeChanged(node("True", "2026-11-25T10:00:40Z"), old)).isFalse();
    assertThat(PoolEventSources.nodeChanged(node("False", "2026-11-25T10:00:40Z"), old)).isTrue();
    Node labelled = Serialization.clone(old);
    labelled.getMetadata().getLabels().put(Keys.USE, "ai");
    assertThat(PoolEventSources.nodeChanged(labelled, old)).isTrue();
    Node fewerGpus = Serialization.clone(old);
    fewerGpus.getStatus().setAllocatable(Map.of(Keys.GPU_RESOURCE, new Quantity("4")));
    assertThat(PoolEventSources.nodeChanged(fewerGpus, old)).isTrue();
    Node cordoned = Serialization.clone(old);
    cordoned.getSpec().setUnschedulable(true);
    assertThat(PoolEventSources.nodeChanged(cordoned, old)).isTrue();
  }

  @Test
  void onlyPodChangesADecisionReadsTriggerOne() {
    Pod old = pod("Pending", "2026-11-25T10:00:00Z");
    assertThat(PoolEventSources.podChanged(pod("Pending", "2026-11-25T10:00:05Z"), old)).isFalse();
    assertThat(PoolEventSources.podChanged(pod("Running", "2026-11-25T10:00:05Z"), old)).isTrue();
    Pod acknowledged = Serialization.clone(old);
    acknowledged.getMetadata().setAnnotations(Map.of(Keys.CHECKPOINT_DONE, "yes"));
    assertThat(PoolEventSources.podChanged(acknowledged, old)).isTrue();
    Pod leaving = Serialization.clone(old);
    leaving.getMetadata().setDeletionTimestamp("2026-11-25T10:01:00Z");
    assertThat(PoolEventSources.podChanged(leaving, old)).isTrue();
  }

  private static Node node(String ready, String heartbeat) {
    return new NodeBuilder().withNewMetadata().withName("n1").addToLabels(Keys.GFD_PRODUCT, "X").endMetadata()
        .withNewSpec().endSpec()
        .withNewStatus().withAllocatable(Map.of(Keys.GPU_RESOURCE, new Quantity("8")))
        .addNewCondition().withType("Ready").withStatus(ready).withLastHeartbeatTime(heartbeat).endCondition()
        .endStatus().build();
  }

  private static Pod pod(String phase, String conditionTime) {
    return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").addToLabels(Keys.POOL, "farm")
        .endMetadata().withNewSpec().withNodeName("n1").endSpec()
        .withNewStatus().withPhase(phase).addNewCondition().withType("PodScheduled").withStatus("True")
        .withLastTransitionTime(conditionTime).endCondition().endStatus().build();
  }
}
