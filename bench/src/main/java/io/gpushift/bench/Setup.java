package io.gpushift.bench;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The harness's own writes (as admin, not measured): CRDs, the farm's resources, clearing pods between runs. */
final class Setup {

  private static final String MANAGER = "gpushift-bench";

  private Setup() {
  }

  static void crds(KubernetesClient admin, Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
        CustomResourceDefinition crd = admin.apiextensions().v1().customResourceDefinitions().load(f.toFile()).item();
        admin.resource(crd).fieldManager(MANAGER).forceConflicts().serverSideApply();
        admin.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
            .waitUntilCondition(c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
                && c.getStatus().getConditions().stream()
                .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())), 60, TimeUnit.SECONDS);
      }
    }
  }

  /** The pool, 20 MiningPools and 50 AIWorkloads, as a user's `kubectl apply` would create them. */
  static void apply(KubernetesClient admin, Farm farm) {
    admin.resource(farm.poolYaml()).fieldManager(MANAGER).serverSideApply();
    for (int j = 0; j < Farm.MINING_POOLS; j++) {
      admin.resource(farm.miningPoolYaml(j)).fieldManager(MANAGER).serverSideApply();
    }
    for (int w = 0; w < Farm.AI_WORKLOADS; w++) {
      admin.resource(farm.aiWorkloadYaml(w)).fieldManager(MANAGER).serverSideApply();
    }
  }

  /** After the operator has stopped: every pod it made goes, so the baseline starts from the same empty nodes. */
  static void deleteAll(KubernetesClient admin, Pods managed) throws InterruptedException {
    for (String ns : ScaleBench.namespaces()) {
      admin.pods().inNamespace(ns).withLabel("app.kubernetes.io/managed-by", "gpushift").withGracePeriod(0).delete();
    }
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (managed.size() > 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
  }

  static List<Pods.Shape> minus(Map<String, Pods.Shape> a, Map<String, Pods.Shape> b) {
    return a.entrySet().stream().filter(e -> !b.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
  }
}
