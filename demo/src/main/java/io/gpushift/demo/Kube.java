package io.gpushift.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The few Kubernetes operations the demo and its tests need, on plain (generic) objects read from YAML. */
public final class Kube {
  /** GPUShift kinds that are cluster-scoped; everything else of ours is namespaced. */
  private static final Set<String> CLUSTER_SCOPED = Set.of("GPUNodePool", "Namespace", "Node", "PriorityClass");
  public static final String FIELD_MANAGER = "gpushift-demo";

  private Kube() {
  }

  /** Installs every {@code *.yml}/{@code *.yaml} CRD of {@code dir} (server-side apply) and waits until each is served. */
  public static List<String> installCrds(KubernetesClient client, Path dir) {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted()
          .toList()) {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(file.toFile()).item();
        client.resource(crd).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
            .waitUntilCondition(Kube::established, 60, TimeUnit.SECONDS);
        names.add(crd.getMetadata().getName());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  static boolean established(CustomResourceDefinition crd) {
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Every non-empty YAML document of the stream, as generic objects. */
  public static List<GenericKubernetesResource> read(InputStream in) throws IOException {
    ObjectMapper yaml = new YAMLMapper();
    List<GenericKubernetesResource> out = new ArrayList<>();
    try (var parser = new YAMLFactory().createParser(in)) {
      for (var it = yaml.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode node = it.next();
        if (node == null || node.isNull() || node.isEmpty()) {
          continue;
        }
        out.add(Serialization.jsonMapper().convertValue(node, GenericKubernetesResource.class));
      }
    }
    return out;
  }

  public static List<GenericKubernetesResource> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  public static boolean clusterScoped(GenericKubernetesResource r) {
    return CLUSTER_SCOPED.contains(r.getKind());
  }

  public static void ensureNamespace(KubernetesClient client, String namespace) {
    if (client.namespaces().withName(namespace).get() == null) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
    }
  }

  /** Server-side apply (what {@code kubectl apply --server-side} does); namespaced objects go to {@code namespace}. */
  public static GenericKubernetesResource apply(KubernetesClient client, GenericKubernetesResource r, String namespace) {
    var ops = client.genericKubernetesResources(r.getApiVersion(), r.getKind());
    r.getMetadata().setResourceVersion(null);
    if (clusterScoped(r)) {
      r.getMetadata().setNamespace(null);
      return ops.resource(r).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }
    r.getMetadata().setNamespace(namespace);
    return ops.inNamespace(namespace).resource(r).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  /** Create (fails if the API server refuses the object, which is what the sample tests want to see). */
  public static GenericKubernetesResource create(KubernetesClient client, GenericKubernetesResource r, String namespace) {
    var ops = client.genericKubernetesResources(r.getApiVersion(), r.getKind());
    if (clusterScoped(r)) {
      return ops.resource(r).create();
    }
    r.getMetadata().setNamespace(namespace);
    return ops.inNamespace(namespace).resource(r).create();
  }

  /** One JSON Patch ({@code replace} or {@code add}) on one object. */
  public static void jsonPatch(KubernetesClient client, String apiVersion, String kind, String namespace, String name,
                               String op, String path, Object value) {
    var ops = client.genericKubernetesResources(apiVersion, kind);
    var patch = List.of(java.util.Map.of("op", op, "path", path, "value", value));
    String json = Serialization.asJson(patch);
    if (namespace == null) {
      ops.withName(name).patch(PatchContext.of(PatchType.JSON), json);
    } else {
      ops.inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON), json);
    }
  }
}
