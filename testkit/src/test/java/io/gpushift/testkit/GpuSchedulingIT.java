package io.gpushift.testkit;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The real kube-scheduler places GPU pods on the fleet's fake GPU nodes, and kwok runs them. */
@ExtendWith(LocalClusterExtension.class)
class GpuSchedulingIT {

    @Test
    void deploymentOfTenGpuPodsIsBoundToFakeGpuNodesAndRunning(KubernetesClient client, LocalCluster cluster) {
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName("gpu-workers").endMetadata()
                .withNewSpec().withReplicas(10)
                .withNewSelector().addToMatchLabels("app", "gpu-workers").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "gpu-workers").endMetadata()
                .withNewSpec().addNewContainer().withName("worker").withImage("example.invalid/gpu-worker:1")
                .withNewResources().addToLimits(FakeGpuNodes.GPU, new Quantity("1")).endResources()
                .endContainer().endSpec().endTemplate().endSpec().build();
        client.apps().deployments().resource(deployment).create();

        await("10 GPU pods Running").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.pods().withLabel("app", "gpu-workers").list().getItems().stream()
                        .filter(p -> "Running".equals(p.getStatus().getPhase())).count() == 10);

        List<Pod> pods = client.pods().withLabel("app", "gpu-workers").list().getItems();
        assertThat(pods).hasSize(10);
        for (Pod pod : pods) {
            Node node = cluster.adminClient().nodes().withName(pod.getSpec().getNodeName()).get();
            assertThat(node).as("node of %s", pod.getMetadata().getName()).isNotNull();
            assertThat(node.getMetadata().getAnnotations()).containsEntry("kwok.x-k8s.io/node", "fake");
            assertThat(node.getMetadata().getLabels()).containsEntry("nvidia.com/gpu.present", "true")
                    .containsKey(FakeGpuNodes.PRODUCT_LABEL);
            assertThat(FakeGpuNodes.allocatableGpus(node)).isPositive();
        }
        await("Deployment reports 10 available replicas").atMost(Duration.ofSeconds(30))
                .until(() -> Integer.valueOf(10).equals(client.apps().deployments().withName("gpu-workers").get().getStatus().getAvailableReplicas()));
    }

    @Test
    void podAskingForMoreGpusThanAnyNodeHasStaysPendingWithTheSchedulersReason(KubernetesClient client) {
        Pod pod = new PodBuilder().withNewMetadata().withName("too-big").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("example.invalid/trainer:1")
                .withNewResources().withLimits(Map.of(FakeGpuNodes.GPU, new Quantity("1000"))).endResources()
                .endContainer().endSpec().build();
        client.pods().resource(pod).create();

        await("PodScheduled=False with reason Unschedulable").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> scheduledCondition(client.pods().withName("too-big").get()) != null);
        PodCondition condition = scheduledCondition(client.pods().withName("too-big").get());
        assertThat(condition.getReason()).isEqualTo("Unschedulable");
        assertThat(condition.getMessage()).contains("Insufficient nvidia.com/gpu");
        Pod after = client.pods().withName("too-big").get();
        assertThat(after.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(after.getSpec().getNodeName()).isNull();
    }

    private static PodCondition scheduledCondition(Pod pod) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason()))
                .findFirst().orElse(null);
    }
}
