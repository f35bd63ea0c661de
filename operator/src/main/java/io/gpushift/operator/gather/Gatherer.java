package io.gpushift.operator.gather;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.gpushift.engine.model.Assignment;
import io.gpushift.operator.Keys;
import io.gpushift.operator.realize.Names;
import io.gpushift.operator.realize.NodeView;
import io.gpushift.operator.realize.Pods;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a pool's {@link Gathered} slice from cached Nodes and Pods. Pure: the reconciler passes what its informers
 * hold, so a decision never lists from the API server and unit tests need no cluster.
 */
public final class Gatherer {

  private Gatherer() {
  }

  /** Whether a node belongs to a pool: every selector label matches; an empty selector means every GPU node. */
  public static boolean member(Node node, Map<String, String> selector) {
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    Map<String, String> wanted = selector == null || selector.isEmpty() ? Map.of("nvidia.com/gpu.present", "true")
        : selector;
    return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  public static Gathered gather(String pool, Map<String, String> selector, Collection<Node> nodes,
      Collection<Pod> pods) {
    String poolLabel = Names.labelValue(pool);
    Map<String, List<Pod>> podsByNode = new HashMap<>();
    List<Pod> poolPods = new ArrayList<>();
    for (Pod p : pods) {
      if (Pods.ours(p, poolLabel)) {
        poolPods.add(p);
      }
      String node = Pods.node(p);
      if (node != null && !Pods.finished(p) && Pods.gpus(p) > 0) {
        podsByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(p);
      }
    }
    List<io.gpushift.engine.model.Node> engineNodes = new ArrayList<>();
    Map<String, NodeView> views = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    nodes.stream().filter(n -> member(n, selector))
        .sorted((a, b) -> a.getMetadata().getName().compareTo(b.getMetadata().getName()))
        .forEach(n -> {
          String name = n.getMetadata().getName();
          List<Pod> onNode = podsByNode.getOrDefault(name, List.of());
          int allocatable = allocatableGpus(n);
          int used = onNode.stream().mapToInt(Pods::gpus).sum();
          views.put(name, new NodeView(name, allocatable, used, onNode.size(), labels(n), annotations(n)));
          String product = labels(n).get(Keys.GFD_PRODUCT);
          if (product == null || product.isBlank()) { // blank: as useless as absent, and no profile can name it
            problems.add("node " + name + " has no " + Keys.GFD_PRODUCT + " label (is GPU Feature Discovery running?)");
            return;
          }
          engineNodes.add(engineNode(pool, n, product, allocatable, onNode, poolLabel));
        });
    return new Gathered(engineNodes, views, poolPods, problems);
  }

  /** What a pool whose selector matches no node reports: the field, so the user knows what to fix. */
  public static String selectsNothing(String pool, Map<String, String> selector) {
    return "GPUNodePool " + pool + ": spec.nodeSelector " + (selector == null || selector.isEmpty()
        ? "(empty: every node labelled nvidia.com/gpu.present=true)" : new TreeMap<>(selector))
        + " selects no GPU node: nothing to plan";
  }

  private static io.gpushift.engine.model.Node engineNode(String pool, Node n, String product, int allocatable,
      List<Pod> onNode, String poolLabel) {
    int foreign = 0;
    Map<String, Integer> gpusByOption = new TreeMap<>();
    Map<String, Instant> since = new HashMap<>();
    Map<String, Integer> protectedGpus = new TreeMap<>();
    for (Pod p : onNode) {
      if (!Pods.ours(p, poolLabel)) {
        foreign += Pods.gpus(p); // someone else's GPU pod: those GPUs are simply not ours to plan
        continue;
      }
      if (Pods.terminating(p)) {
        continue; // leaving: its GPUs come back when it is gone, and the realizer waits for that
      }
      String option = p.getMetadata().getNamespace() + "/" + Pods.controller(p).get().getName();
      gpusByOption.merge(option, Pods.gpus(p), Integer::sum);
      Instant created = created(p);
      since.merge(option, created, (a, b) -> a.isBefore(b) ? a : b);
      if (Pods.protectedFromDisruption(p)) {
        protectedGpus.merge(option, Pods.gpus(p), Integer::sum);
      }
    }
    List<Assignment> assignments = new ArrayList<>();
    gpusByOption.forEach((option, gpus) -> assignments.add(new Assignment(option, gpus, since.get(option))));
    String pin = annotations(n).get(Keys.PIN);
    boolean excluded = "exclude".equals(pin);
    int memory = parseInt(labels(n).get(Keys.GFD_MEMORY));
    return new io.gpushift.engine.model.Node(n.getMetadata().getName(), pool, product, memory,
        Math.max(0, allocatable - foreign), schedulable(n), assignments, excluded ? null : pin, excluded,
        protectedGpus);
  }

  static int allocatableGpus(Node n) {
    if (n.getStatus() == null || n.getStatus().getAllocatable() == null) {
      return 0;
    }
    Quantity q = n.getStatus().getAllocatable().get(Keys.GPU_RESOURCE);
    return q == null ? 0 : Quantity.getAmountInBytes(q).intValue();
  }

  private static boolean schedulable(Node n) {
    if (n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
      return false;
    }
    List<NodeCondition> conditions = n.getStatus() == null ? null : n.getStatus().getConditions();
    return conditions == null || conditions.stream()
        .noneMatch(c -> "Ready".equals(c.getType()) && !"True".equals(c.getStatus()));
  }

  private static Instant created(Pod p) {
    String ts = p.getMetadata().getCreationTimestamp();
    return ts == null ? Instant.now() : Instant.parse(ts);
  }

  private static int parseInt(String s) {
    try {
      return s == null ? 0 : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Map<String, String> labels(Node n) {
    return n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
  }

  private static Map<String, String> annotations(Node n) {
    return n.getMetadata().getAnnotations() == null ? Map.of() : n.getMetadata().getAnnotations();
  }
}
