package io.gpushift.testkit;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One test's namespace, its namespaced client and the fake nodes it created. Closing it deletes all of them and
 * waits (bounded) until the namespace's pods are gone, so the next test gets the GPUs back.
 */
final class TestNamespace implements AutoCloseable {
    private final ControlPlane controlPlane;
    private final String name;
    private final KubernetesClient client;
    private final List<String> nodes = new ArrayList<>();

    TestNamespace(ControlPlane controlPlane, String testName) {
        this.controlPlane = controlPlane;
        this.name = namespaceName(testName);
        KubernetesClient admin = controlPlane.admin();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("gpushift.io/test-namespace", "true").endMetadata().build()).create();
        // The ServiceAccount admission plugin rejects pods until kube-controller-manager has created `default`.
        Awaitility.await("ServiceAccount default in namespace " + name).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> admin.serviceAccounts().inNamespace(name).withName("default").get() != null);
        this.client = controlPlane.newClient(name);
    }

    static String namespaceName(String testName) {
        String base = testName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.length() > 40) {
            base = base.substring(0, 40).replaceAll("-+$", "");
        }
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
        return "t-" + (base.isEmpty() ? "test" : base) + "-" + suffix;
    }

    String name() { return name; }
    KubernetesClient client() { return client; }

    void ownNode(Node node) {
        nodes.add(node.getMetadata().getName());
    }

    @Override
    public void close() {
        KubernetesClient admin = controlPlane.admin();
        admin.namespaces().withName(name).delete();
        for (String node : nodes) {
            admin.nodes().withName(node).delete();
        }
        try {
            // The namespace controller alone takes ~6 s to get to the pods. A terminating namespace accepts no new
            // pods, so deleting them ourselves (grace 0; kwok's pod-delete stage finalizes them) cannot race a
            // ReplicaSet, and the next test gets the GPUs back at once.
            Awaitility.await("pods of namespace " + name + " gone").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        admin.pods().inNamespace(name).withGracePeriod(0).delete();
                        return admin.pods().inNamespace(name).list().getItems().isEmpty();
                    });
        } finally {
            client.close();
        }
    }
}
