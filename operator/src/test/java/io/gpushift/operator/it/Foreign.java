package io.gpushift.operator.it;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.gpushift.operator.Keys;
import io.gpushift.testkit.LocalCluster;
import java.util.Map;

/** Pods that are not GPUShift's: another team's GPU pod on a pool node, possibly wearing our labels. */
final class Foreign {

  private Foreign() {
  }

  static Pod gpuPod(LocalCluster cluster, String name, String node, int gpus, Map<String, String> labels) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(cluster.namespace()).withLabels(labels)
        .endMetadata()
        .withNewSpec().withNodeSelector(Map.of(Keys.HOSTNAME, node)).withTolerations(cluster.dedicatedToleration())
        .addNewContainer().withName("work").withImage("example/other-team:1")
        .withNewResources().addToLimits(Keys.GPU_RESOURCE, new Quantity(Integer.toString(gpus))).endResources()
        .endContainer().endSpec().build();
  }
}
