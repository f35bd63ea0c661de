package io.gpushift.testkit;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-to-ready is measured, printed, and bounded; the injected client really is namespaced to a fresh namespace. */
@ExtendWith(LocalClusterExtension.class)
class StartupIT {
    private final LocalCluster fromConstructor;

    StartupIT(LocalCluster cluster) {
        this.fromConstructor = cluster;
    }

    @Test
    void startToReadyIsMeasuredAndPrinted(LocalCluster cluster) {
        System.out.printf("start-to-ready of this JVM's control plane: %.1f s%n", cluster.startupDuration().toMillis() / 1000.0);
        if (!cluster.isExternal()) {
            assertThat(cluster.startupDuration()).isPositive()
                    // generous bound for a warm cache on a busy 2-core machine; the goal is < 20 s
                    .isLessThan(Duration.ofSeconds(60));
            assertThat(cluster.binDir().resolve("kube-apiserver")).isExecutable();
        }
        assertThat(cluster.kubeconfigPath()).isRegularFile();
    }

    @Test
    void injectedClientUsesThisTestsNamespace(KubernetesClient client, LocalCluster cluster) {
        assertThat(client.getNamespace()).isEqualTo(cluster.namespace()).startsWith("t-");
        assertThat(fromConstructor.namespace()).isEqualTo(cluster.namespace());
        assertThat(cluster.adminClient().namespaces().withName(cluster.namespace()).get()).isNotNull();
        assertThat(client.serviceAccounts().withName("default").get()).isNotNull();
    }
}
