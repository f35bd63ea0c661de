package io.gpushift.testkit;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.Awaitility;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The control plane as one test sees it (inject it as a parameter; see {@link LocalClusterExtension}).
 * All tests of a JVM share the control plane; {@link #namespace()} is this test's own.
 */
public final class LocalCluster {
    /** Label and taint key of nodes made by {@link #createDedicatedGpuNodes}; the value is the test's namespace. */
    public static final String DEDICATED_KEY = "gpushift.io/dedicated-to";

    private final ControlPlane controlPlane;
    private final TestNamespace namespace;

    LocalCluster(ControlPlane controlPlane, TestNamespace namespace) {
        this.controlPlane = controlPlane;
        this.namespace = namespace;
    }

    /** The kubeconfig of the cluster (admin, system:masters). */
    public Path kubeconfigPath() { return controlPlane.kubeconfig(); }

    /** A client without a default namespace, authenticated as admin. Shared: do not close it. */
    public KubernetesClient adminClient() { return controlPlane.admin(); }

    /** The current test's namespace (created for it, deleted after it). */
    public String namespace() { return namespace.name(); }

    /** Directory with etcd, kube-apiserver, ..., gpushift-cluster; {@code null} when using an existing cluster. */
    public Path binDir() { return controlPlane.binDir(); }

    /** Time from the first request for the cluster to a ready cluster (build check included); zero for an existing cluster. */
    public Duration startupDuration() { return controlPlane.startup(); }

    /** Whether the suite runs against an existing cluster ({@code GPUSHIFT_TEST_KUBECONFIG}) instead of a local one. */
    public boolean isExternal() { return controlPlane.external(); }

    /**
     * Fault injection: stops one component of the local control plane ({@code etcd}, {@code kube-apiserver},
     * {@code kube-controller-manager}, {@code kube-scheduler}, {@code kwok}; SIGKILL when {@code kill}), keeps it down
     * for {@code down} and starts it again with the same ports and data; returns once it is ready. Shared by every test
     * of the JVM, so a test that uses it must leave the component running (this method does).
     */
    public void restartComponent(String component, boolean kill, Duration down) {
        controlPlane.restart(component, kill, down);
    }

    /**
     * Creates {@code count} kwok-managed fake GPU nodes that only this test uses: labelled and tainted
     * {@value #DEDICATED_KEY}={@link #namespace()}:NoSchedule, so other tests' pods never land there and this
     * test's pods need {@link #dedicatedToleration()} plus a node selector on {@link #dedicatedNodeSelector()}.
     * They are deleted after the test. Waits until they are Ready.
     */
    public List<Node> createDedicatedGpuNodes(int count, int gpusPerNode, String gpuProduct, int gpuMemoryMiB) {
        List<Node> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = namespace() + "-n" + i;
            Node node = FakeGpuNodes.node(name, gpuProduct, gpuMemoryMiB, gpusPerNode);
            node.getMetadata().getLabels().put(DEDICATED_KEY, namespace());
            node.getSpec().setTaints(List.of(new io.fabric8.kubernetes.api.model.TaintBuilder()
                    .withKey(DEDICATED_KEY).withValue(namespace()).withEffect("NoSchedule").build()));
            created.add(adminClient().nodes().resource(node).create());
            namespace.ownNode(node);
        }
        Awaitility.await("dedicated fake GPU nodes Ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> created.stream().allMatch(n -> FakeGpuNodes.isReady(adminClient().nodes().withName(n.getMetadata().getName()).get())));
        return created;
    }

    /** Toleration for the taint of {@link #createDedicatedGpuNodes} nodes. */
    public Toleration dedicatedToleration() {
        return new TolerationBuilder().withKey(DEDICATED_KEY).withOperator("Equal").withValue(namespace())
                .withEffect("NoSchedule").build();
    }

    /** Node selector matching only this test's {@link #createDedicatedGpuNodes} nodes. */
    public Map<String, String> dedicatedNodeSelector() {
        return Map.of(DEDICATED_KEY, namespace());
    }
}
