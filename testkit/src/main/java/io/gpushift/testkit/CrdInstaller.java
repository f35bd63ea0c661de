package io.gpushift.testkit;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Installs the committed CRDs ({@code crds/} at the repository root) into the shared control plane once per JVM. */
public final class CrdInstaller {
    private static final Map<Path, Boolean> INSTALLED = new ConcurrentHashMap<>();

    private CrdInstaller() {
    }

    /** Server-side applies every CRD under {@code crds/} and waits until each is Established. */
    public static void installRepoCrds(KubernetesClient admin) {
        Path dir = RepoRoot.find().resolve("crds");
        INSTALLED.computeIfAbsent(dir, d -> {
            try (var files = Files.list(d)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
                    apply(admin, f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read CRDs from " + d, e);
            }
            return true;
        });
    }

    private static void apply(KubernetesClient admin, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            CustomResourceDefinition crd = admin.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
            admin.resource(crd).forceConflicts().serverSideApply();
            admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                            && c.getStatus().getConditions().stream()
                            .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                            30, TimeUnit.SECONDS);
        }
    }
}
