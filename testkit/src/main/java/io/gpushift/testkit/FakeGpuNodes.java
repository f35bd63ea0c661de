package io.gpushift.testkit;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.HashMap;
import java.util.Map;

/**
 * Fake GPU Node objects in the same shape the launcher makes from a fleet file (localcluster/launcher/fleet.go):
 * kwok-managed, {@code nvidia.com/gpu} capacity and GPU Feature Discovery labels.
 */
public final class FakeGpuNodes {
    public static final String GPU = "nvidia.com/gpu";
    public static final String PRODUCT_LABEL = "nvidia.com/gpu.product";
    public static final String REPLICAS_LABEL = "nvidia.com/gpu.replicas";
    public static final String DEVICE_PLUGIN_CONFIG_LABEL = "nvidia.com/device-plugin.config";

    private FakeGpuNodes() {
    }

    public static Node node(String name, String gpuProduct, int gpuMemoryMiB, int gpus) {
        Map<String, String> labels = new HashMap<>(Map.of(
                "type", "kwok", "kubernetes.io/hostname", name, "kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64",
                PRODUCT_LABEL, gpuProduct, "nvidia.com/gpu.memory", Integer.toString(gpuMemoryMiB),
                "nvidia.com/gpu.count", Integer.toString(gpus), "nvidia.com/gpu.present", "true",
                REPLICAS_LABEL, "1"));
        Map<String, Quantity> resources = Map.of("cpu", new Quantity("128"), "memory", new Quantity("1Ti"),
                "pods", new Quantity("250"), "ephemeral-storage", new Quantity("10Ti"), GPU, new Quantity(Integer.toString(gpus)));
        return new NodeBuilder()
                .withNewMetadata().withName(name).withLabels(labels)
                .withAnnotations(new HashMap<>(Map.of("kwok.x-k8s.io/node", "fake", "node.alpha.kubernetes.io/ttl", "0")))
                .endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withCapacity(resources).withAllocatable(resources).withPhase("Running")
                .withNewNodeInfo().withArchitecture("amd64").withOperatingSystem("linux").withKubeletVersion("fake")
                .withBootID("").withContainerRuntimeVersion("").withKernelVersion("").withKubeProxyVersion("")
                .withMachineID("").withOsImage("").withSystemUUID("").endNodeInfo()
                .endStatus().build();
    }

    public static boolean isReady(Node node) {
        return node != null && node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Allocatable {@code nvidia.com/gpu} of a node, 0 when absent. */
    public static long allocatableGpus(Node node) {
        Quantity q = node.getStatus().getAllocatable().get(GPU);
        return q == null ? 0 : q.getNumericalAmount().longValueExact();
    }
}
