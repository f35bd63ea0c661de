package io.gpushift.chart;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Installs the rendered chart the way a GitOps tool would: render with helm, then server-side apply every object
 * (CRDs first, waiting until they are Established). No helm release secret is involved, so what the API server
 * accepts is exactly what the chart renders.
 */
final class ChartInstaller {

  static final String FIELD_MANAGER = "gpushift-chart-tests";

  private ChartInstaller() {}

  /** Renders and applies; returns the objects as the API server stored them. */
  static List<HasMetadata> install(KubernetesClient admin, String release, String namespace, String... helmArgs) {
    ensureNamespace(admin, namespace);
    List<String> args = new ArrayList<>(List.of("--include-crds"));
    args.addAll(List.of(helmArgs));
    String yaml = Helm.template(release, namespace, args.toArray(String[]::new)).assertSuccess().stdout();
    List<HasMetadata> objects = admin.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();

    List<HasMetadata> applied = new ArrayList<>();
    for (HasMetadata crd : objects.stream().filter(o -> o instanceof CustomResourceDefinition).toList()) {
      applied.add(apply(admin, crd));
      awaitEstablished(admin, crd.getMetadata().getName());
    }
    for (HasMetadata object : objects.stream().filter(o -> !(o instanceof CustomResourceDefinition)).toList()) {
      applied.add(apply(admin, object));
    }
    return applied;
  }

  static void ensureNamespace(KubernetesClient admin, String name) {
    ensureNamespace(admin, name, Map.of());
  }

  static void ensureNamespace(KubernetesClient admin, String name, Map<String, String> labels) {
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
        .endMetadata().build()).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  private static HasMetadata apply(KubernetesClient admin, HasMetadata object) {
    try {
      return admin.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    } catch (RuntimeException e) {
      throw new AssertionError("API server rejected " + object.getKind() + "/" + object.getMetadata().getName()
          + ": " + e.getMessage(), e);
    }
  }

  private static void awaitEstablished(KubernetesClient admin, String crdName) {
    await("CRD " + crdName + " Established").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          CustomResourceDefinition crd = admin.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
          return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
              .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
        });
  }
}
