package io.gpushift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gpushift.testkit.LocalCluster;
import io.gpushift.testkit.LocalClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every YAML document under samples/ (and the demo's bundled resources) is created on the real API server with the
 * committed CRDs (crds/) installed, and comes back with every field it was given: the schema neither refuses nor
 * silently prunes anything.
 */
@ExtendWith(LocalClusterExtension.class)
class SamplesIT {
  static final Path SAMPLES = Path.of("..", "samples");
  static final Path CRDS = Path.of("..", "crds");

  @Test
  void quickstartSamplesAreAcceptedAsWritten(KubernetesClient client, LocalCluster cluster) throws Exception {
    List<String> created = createDirectory(client, cluster, SAMPLES.resolve("quickstart"), 3);
    assertThat(created).containsExactly("GPUNodePool/quickstart", "MiningPool/etc", "AIWorkload/llm-inference");
  }

  /** A namespace of its own (the test's): the realistic set reuses names of the quickstart set. */
  @Test
  void realisticSamplesAreAcceptedAsWritten(KubernetesClient client, LocalCluster cluster) throws Exception {
    List<String> created = createDirectory(client, cluster, SAMPLES.resolve("realistic"), 14);
    assertThat(created).contains("GPUNodePool/farm", "MiningPool/etc", "MiningPool/rvn", "MiningPool/erg",
        "AIWorkload/finetune-contract", "AIWorkload/pretrain-spot", "AIWorkload/llm-inference", "AIWorkload/nunet",
        "AIWorkload/singularitynet", "AIWorkload/fetch-ai", "AIWorkload/ocean", "AIWorkload/cortex",
        "AIWorkload/matrix-ai", "AIWorkload/hypercycle");
  }

  private static List<String> createDirectory(KubernetesClient client, LocalCluster cluster, Path dir, int atLeast)
      throws Exception {
    Kube.installCrds(cluster.adminClient(), CRDS);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).as("sample files in " + dir).hasSizeGreaterThanOrEqualTo(atLeast);
    List<String> created = new ArrayList<>();
    for (Path file : files) {
      created.addAll(createAll(client, cluster, Kube.read(file), file.toString()));
    }
    return created;
  }

  @Test
  void demoResourcesAreAcceptedAsWritten(KubernetesClient client, LocalCluster cluster) throws Exception {
    Kube.installCrds(cluster.adminClient(), CRDS);
    Scenario scenario = Scenario.bundled();
    List<String> resources = new ArrayList<>(scenario.resources());
    scenario.steps().forEach(s -> resources.addAll(s.apply()));
    List<String> created = new ArrayList<>();
    for (String res : resources) {
      try (var in = SamplesIT.class.getResourceAsStream("/" + res)) {
        created.addAll(createAll(client, cluster, Kube.read(in), res));
      }
    }
    assertThat(created).contains("GPUNodePool/demo-farm", "MiningPool/etc", "AIWorkload/llm-inference",
        "AIWorkload/pretrain-spot", "AIWorkload/finetune-contract");
  }

  /**
   * Creates each object (GPUNodePools, which are cluster-scoped, under a name unique to this test, deleted afterwards)
   * and checks that what the server stored contains every field of the file.
   */
  private static List<String> createAll(KubernetesClient client, LocalCluster cluster,
                                        List<GenericKubernetesResource> items, String where) {
    List<String> names = new ArrayList<>();
    for (GenericKubernetesResource r : items) {
      String name = r.getMetadata().getName();
      Object spec = r.getAdditionalProperties().get("spec");
      GenericKubernetesResource stored;
      try {
        if (Kube.clusterScoped(r)) {
          r.getMetadata().setName(name + "-" + cluster.namespace());
          stored = Kube.create(cluster.adminClient(), r, null);
          cluster.adminClient().resource(stored).delete();
        } else {
          stored = Kube.create(client, r, client.getNamespace());
        }
      } catch (KubernetesClientException e) {
        throw new AssertionError(where + ": " + r.getKind() + "/" + name + " refused: " + e.getMessage(), e);
      }
      assertThat(stored.getMetadata().getUid()).as(where + " " + name).isNotBlank();
      assertSubset(where + " " + r.getKind() + "/" + name + " .spec", spec, stored.getAdditionalProperties().get("spec"));
      names.add(r.getKind() + "/" + name);
    }
    return names;
  }

  /** Every field of {@code expected} is in {@code actual} with an equal value (numbers compared as numbers). */
  static void assertSubset(String path, Object expected, Object actual) {
    if (expected instanceof Map<?, ?> e) {
      assertThat(actual).as(path).isInstanceOf(Map.class);
      Map<?, ?> a = (Map<?, ?>) actual;
      e.forEach((k, v) -> assertSubset(path + "." + k, v, a.get(k)));
    } else if (expected instanceof List<?> e) {
      assertThat(actual).as(path).isInstanceOf(List.class);
      List<?> a = (List<?>) actual;
      assertThat(a).as(path).hasSameSizeAs(e);
      for (int i = 0; i < e.size(); i++) {
        assertSubset(path + "[" + i + "]", e.get(i), a.get(i));
      }
    } else if (expected instanceof Number e) {
      assertThat(actual).as(path).isInstanceOf(Number.class);
      assertThat(((Number) actual).doubleValue()).as(path).isEqualTo(e.doubleValue());
    } else {
      assertThat(actual).as(path + " (pruned by the schema?)").isEqualTo(expected);
    }
  }
}
