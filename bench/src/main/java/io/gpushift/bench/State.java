package io.gpushift.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the operator is responsible for, as the harness sees it: its pods, the labels and annotations it owns on nodes,
 * and the status of every GPUShift resource. Two snapshots give the objects a phase had to change — the denominator
 * of "writes per changed object".
 */
record State(Set<String> pods, Map<String, String> nodeMarks, Map<String, String> statuses) {

  static final String API = "gpushift.io/v1alpha1";

  static State take(KubernetesClient admin, Pods managed) {
    Map<String, String> marks = new TreeMap<>();
    for (Node n : admin.nodes().list().getItems()) {
      Map<String, String> mine = new TreeMap<>();
      put(mine, n.getMetadata().getLabels());
      put(mine, n.getMetadata().getAnnotations());
      marks.put(n.getMetadata().getName(), mine.toString());
    }
    Map<String, String> statuses = new TreeMap<>();
    for (String kind : List.of("GPUNodePool", "MiningPool", "AIWorkload")) {
      var ops = admin.genericKubernetesResources(API, kind);
      List<GenericKubernetesResource> items = "GPUNodePool".equals(kind) ? ops.list().getItems()
          : ops.inAnyNamespace().list().getItems();
      for (GenericKubernetesResource r : items) {
        statuses.put(kind + "/" + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(),
            Serialization.asJson(r.getAdditionalProperties().get("status")));
      }
    }
    return new State(Set.copyOf(managed.shapes().keySet()), marks, statuses);
  }

  private static void put(Map<String, String> into, Map<String, String> from) {
    if (from != null) {
      from.forEach((k, v) -> {
        if (k.startsWith("gpushift.io/") || k.equals("nvidia.com/device-plugin.config")) {
          into.put(k, v);
        }
      });
    }
  }

  record Changes(int podsCreated, int podsDeleted, int nodes, int statuses) {

    int total() {
      return podsCreated + podsDeleted + nodes + statuses;
    }
  }

  Changes since(State before) {
    Set<String> created = new HashSet<>(pods);
    created.removeAll(before.pods);
    Set<String> deleted = new HashSet<>(before.pods);
    deleted.removeAll(pods);
    return new Changes(created.size(), deleted.size(), differing(before.nodeMarks, nodeMarks),
        differing(before.statuses, statuses));
  }

  private static int differing(Map<String, String> a, Map<String, String> b) {
    Set<String> keys = new HashSet<>(a.keySet());
    keys.addAll(b.keySet());
    return (int) keys.stream().filter(k -> !Objects.equals(a.get(k), b.get(k))).count();
  }
}
