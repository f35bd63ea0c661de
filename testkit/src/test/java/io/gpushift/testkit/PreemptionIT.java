package io.gpushift.testkit;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** kube-scheduler preemption on fake GPU nodes: a high-priority pod evicts low-priority pods holding every GPU. */
@ExtendWith(LocalClusterExtension.class)
class PreemptionIT {

    @Test
    void highPriorityPodPreemptsLowPriorityPodsThatFillEveryGpu(KubernetesClient client, LocalCluster cluster) {
        // Two nodes with 2 GPUs each that only this test uses, so the test is bounded and other tests are unaffected.
        cluster.createDedicatedGpuNodes(2, 2, "NVIDIA-GeForce-RTX-3090", 24576);
        String low = cluster.namespace() + "-low";
        String high = cluster.namespace() + "-high";
        var admin = cluster.adminClient();
        admin.scheduling().v1().priorityClasses().resource(new PriorityClassBuilder().withNewMetadata().withName(low).endMetadata()
                .withValue(100).build()).create();
        admin.scheduling().v1().priorityClasses().resource(new PriorityClassBuilder().withNewMetadata().withName(high).endMetadata()
                .withValue(100000).build()).create();
        try {
            for (int i = 0; i < 4; i++) {
                client.pods().resource(gpuPod("miner-" + i, low, 1, cluster)).create();
            }
            await("4 low-priority pods Running on all 4 GPUs").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> running(client, "low").size() == 4);

            client.pods().resource(gpuPod("trainer", high, 2, cluster)).create();

            await("high-priority pod Running").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> running(client, "high").size() == 1);
            Pod trainer = client.pods().withName("trainer").get();
            assertThat(trainer.getSpec().getNodeName()).startsWith(cluster.namespace() + "-n");
            // Exactly the two low-priority pods on the trainer's node were preempted (deleted); the other node is untouched.
            await("preempted pods gone").atMost(Duration.ofSeconds(30))
                    .until(() -> client.pods().withLabel("priority", "low").list().getItems().size() == 2);
            assertThat(running(client, "low")).hasSize(2)
                    .allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isNotEqualTo(trainer.getSpec().getNodeName()));
        } finally {
            admin.scheduling().v1().priorityClasses().withName(low).delete();
            admin.scheduling().v1().priorityClasses().withName(high).delete();
        }
    }

    private static List<Pod> running(KubernetesClient client, String priority) {
        return client.pods().withLabel("priority", priority).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && "Running".equals(p.getStatus().getPhase()))
                .toList();
    }

    private static Pod gpuPod(String name, String priorityClass, int gpus, LocalCluster cluster) {
        return new PodBuilder().withNewMetadata().withName(name)
                .addToLabels("priority", priorityClass.endsWith("-low") ? "low" : "high").endMetadata()
                .withNewSpec().withPriorityClassName(priorityClass)
                .withNodeSelector(cluster.dedicatedNodeSelector()).withTolerations(cluster.dedicatedToleration())
                .withTerminationGracePeriodSeconds(0L)
                .addNewContainer().withName("main").withImage("example.invalid/gpu:1")
                .withNewResources().withLimits(Map.of(FakeGpuNodes.GPU, new Quantity(Integer.toString(gpus)))).endResources()
                .endContainer().endSpec().build();
    }
}
