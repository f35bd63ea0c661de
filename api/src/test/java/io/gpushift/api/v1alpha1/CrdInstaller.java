package io.gpushift.api.v1alpha1;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Installs the committed CRDs (crds/, what users install) once per test JVM and waits until they are served. */
final class CrdInstaller {

  static final Path COMMITTED = Path.of("..", "crds");
  private static boolean installed;

  private CrdInstaller() {
  }

  static synchronized void installOnce(KubernetesClient admin) {
    if (installed) {
      return;
    }
    try (Stream<Path> files = Files.list(COMMITTED)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".gpushift.io-v1.yml")).sorted().toList()) {
        CustomResourceDefinition crd = admin.apiextensions().v1().customResourceDefinitions()
            .load(file.toFile()).item();
        admin.resource(crd).forceConflicts().serverSideApply();
        admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
            .waitUntilCondition(CrdInstaller::established, 60, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    installed = true;
  }

  static boolean established(CustomResourceDefinition crd) {
    // A just-created CRD has a status without conditions for a moment.
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
