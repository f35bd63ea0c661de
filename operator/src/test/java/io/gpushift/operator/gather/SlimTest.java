package io.gpushift.operator.gather;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.operator.Keys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlimTest {

  @Test
  void slimCachesGatherTheSameAsFullObjects() {
    List<Pod> pods = List.of(pod("etc-n1", true, 4, "Running"), pod("other-gpu", false, 2, "Running"),
        pod("web", false, 0, "Running"), pod("done", false, 2, "Succeeded"));
    Node node = node("n1");

    Gathered full = Gatherer.gather("farm", Map.of(), List.of(Serialization.clone(node)),
        pods.stream().map(Serialization::clone).toList());
    Gathered slim = Gatherer.gather("farm", Map.of(), List.of(Slim.node(Serialization.clone(node))),
        pods.stream().map(p -> Slim.pod(Serialization.clone(p))).toList());

    assertThat(slim.engineNodes()).isEqualTo(full.engineNodes());
    assertThat(slim.views()).isEqualTo(full.views());
    assertThat(slim.problems()).isEqualTo(full.problems());
    assertThat(slim.poolPods()).extracting(p -> p.getMetadata().getName()).containsExactly("etc-n1");
    assertThat(full.engineNodes().get(0).assignments()).hasSize(1); // the test would pass vacuously otherwise
  }

  @Test
  void slimDropsWhatNoDecisionReads() {
    Pod ours = Slim.pod(pod("etc-n1", true, 4, "Running"));
    assertThat(ours.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(ours.getSpec().getVolumes()).isNullOrEmpty();
    assertThat(ours.getSpec().getContainers().get(0).getImage()).isNull();
    assertThat(ours.getStatus().getConditions()).isNullOrEmpty();
    assertThat(ours.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(ours.getMetadata().getAnnotations()).containsKey(Keys.SPEC_HASH);

    Pod web = Slim.pod(pod("web", false, 0, "Running"));
    assertThat(web.getMetadata().getName()).isEqualTo("web");
    assertThat(web.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(web.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(web.getSpec()).isNull();

    Node n = Slim.node(node("n1"));
    assertThat(n.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(n.getStatus().getImages()).isNullOrEmpty();
    assertThat(n.getStatus().getAllocatable()).containsKey(Keys.GPU_RESOURCE);
  }

  private static Pod pod(String name, boolean ours, int gpus, String phase) {
    var gpu = gpus == 0 ? Map.<String, Quantity>of() : Map.of(Keys.GPU_RESOURCE, new Quantity(Integer.toString(gpus)));
    var b = new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withResourceVersion("7")
        .withCreationTimestamp("2026-11-25T10:00:00Z").addToLabels("app", name)
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kwok").withOperation("Update").build())
        .endMetadata()
        .withNewSpec().withNodeName("n1").addNewVolume().withName("kube-api-access").endVolume()
        .addNewToleration().withKey("node.kubernetes.io/not-ready").endToleration()
        .withContainers(new ContainerBuilder().withName("main").withImage("img:1").withArgs("--x")
            .withNewResources().withRequests(gpu).withLimits(gpu).endResources().build())
        .endSpec()
        .withNewStatus().withPhase(phase).addNewCondition().withType("Ready").withStatus("True").endCondition()
        .addNewContainerStatus().withName("main").withReady(true).endContainerStatus().endStatus();
    if (ours) {
      b.editMetadata().addToLabels(Keys.MANAGED_BY, Keys.MANAGED_BY_VALUE).addToLabels(Keys.POOL, "farm")
          .addToLabels(Keys.KIND, "miner").addToAnnotations(Keys.SPEC_HASH, "abc")
          .addNewOwnerReference().withApiVersion("gpushift.io/v1alpha1").withKind("MiningPool").withName("etc")
          .withUid("u1").withController(true).endOwnerReference().endMetadata();
    }
    return b.build();
  }

  private static Node node(String name) {
    var gpus = Map.of(Keys.GPU_RESOURCE, new Quantity("8"));
    return new NodeBuilder().withNewMetadata().withName(name)
        .addToLabels("nvidia.com/gpu.present", "true").addToLabels(Keys.GFD_PRODUCT, "NVIDIA-GeForce-RTX-3090")
        .addToLabels(Keys.GFD_MEMORY, "24576")
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kwok").build()).endMetadata()
        .withNewStatus().withAllocatable(gpus).withCapacity(gpus)
        .addNewCondition().withType("Ready").withStatus("True").endCondition()
        .addNewImage().withNames("registry/img:1").withSizeBytes(1L).endImage()
        .addNewAddress().withType("InternalIP").withAddress("10.0.0.1").endAddress().endStatus().build();
  }
}
