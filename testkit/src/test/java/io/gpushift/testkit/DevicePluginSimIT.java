package io.gpushift.testkit;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulated NVIDIA device plugin (localcluster/launcher/deviceplugin.go, a test double) reacts to the
 * {@code nvidia.com/device-plugin.config} label as documented in localcluster/device-plugin-configs/README.md.
 */
@ExtendWith(LocalClusterExtension.class)
class DevicePluginSimIT {
    private static final String PRODUCT = "NVIDIA-H100-80GB-HBM3";
    private KubernetesClient admin;
    private String node;

    @BeforeEach
    void dedicatedNode(LocalCluster cluster) {
        admin = cluster.adminClient();
        node = cluster.createDedicatedGpuNodes(1, 8, PRODUCT, 81559).get(0).getMetadata().getName();
        awaitNode("default config applied", n -> FakeGpuNodes.allocatableGpus(n) == 8
                && "1".equals(n.getMetadata().getLabels().get(FakeGpuNodes.REPLICAS_LABEL)));
    }

    @Test
    void timeSlicingConfigMultipliesGpusAndMarksTheProductShared() {
        setConfig("ai-shared-4");
        awaitNode("32 allocatable GPUs", n -> FakeGpuNodes.allocatableGpus(n) == 32);
        Node n = admin.nodes().withName(node).get();
        assertThat(n.getStatus().getCapacity().get(FakeGpuNodes.GPU).getNumericalAmount().intValueExact()).isEqualTo(32);
        assertThat(n.getMetadata().getLabels())
                .containsEntry(FakeGpuNodes.REPLICAS_LABEL, "4")
                .containsEntry(FakeGpuNodes.PRODUCT_LABEL, PRODUCT + "-SHARED")
                .containsEntry("nvidia.com/gpu.count", "8");

        // An unknown config name changes nothing (the real plugin keeps its current configuration).
        setConfig("no-such-config");
        await("nothing changes for an unknown config").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> FakeGpuNodes.allocatableGpus(admin.nodes().withName(node).get()) == 32);

        // Removing the label restores the default: physical count, one replica, plain product name.
        patchConfigLabel("null");
        awaitNode("default restored", x -> FakeGpuNodes.allocatableGpus(x) == 8
                && PRODUCT.equals(x.getMetadata().getLabels().get(FakeGpuNodes.PRODUCT_LABEL))
                && "1".equals(x.getMetadata().getLabels().get(FakeGpuNodes.REPLICAS_LABEL)));
    }

    @Test
    void renameByDefaultAdvertisesSharedResourceAndKeepsTheProductName() {
        setConfig("ai-shared-2-renamed");
        awaitNode("16 nvidia.com/gpu.shared", n -> n.getStatus().getAllocatable().containsKey("nvidia.com/gpu.shared")
                && n.getStatus().getAllocatable().get("nvidia.com/gpu.shared").getNumericalAmount().intValueExact() == 16);
        Node n = admin.nodes().withName(node).get();
        assertThat(FakeGpuNodes.allocatableGpus(n)).isZero();
        assertThat(n.getMetadata().getLabels()).containsEntry(FakeGpuNodes.PRODUCT_LABEL, PRODUCT)
                .containsEntry(FakeGpuNodes.REPLICAS_LABEL, "2");

        setConfig("mining"); // no sharing
        awaitNode("8 plain GPUs again", x -> FakeGpuNodes.allocatableGpus(x) == 8
                && !x.getStatus().getAllocatable().containsKey("nvidia.com/gpu.shared"));
    }

    private void setConfig(String name) {
        patchConfigLabel("\"" + name + "\"");
    }

    /** Merge patch without resourceVersion: kwok and the simulator update the node too, so edit() would conflict. */
    private void patchConfigLabel(String jsonValue) {
        admin.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"" + FakeGpuNodes.DEVICE_PLUGIN_CONFIG_LABEL + "\":" + jsonValue + "}}}");
    }

    private void awaitNode(String what, Predicate<Node> condition) {
        await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> condition.test(admin.nodes().withName(node).get()));
    }
}
