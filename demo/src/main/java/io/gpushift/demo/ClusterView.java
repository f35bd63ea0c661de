package io.gpushift.demo;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What the page shows, read from the cluster: nodes and their GPUs coloured by use (from GPU pods and the node label
 * {@code gpushift.io/use}), GPUNodePool status (profit per hour), market inputs in the resources, and GPUShift Events.
 * {@link #sample()} appends one point to the profit history; the page server calls it on a timer.
 */
public final class ClusterView {
  static final String GPU = "nvidia.com/gpu";
  static final String API = Scenario.API_VERSION;
  private static final int HISTORY = 720;
  private static final int EVENTS = 80;

  private final KubernetesClient client;
  private final Map<String, String> nodeSelector;
  private final Supplier<Map<String, Object>> scenario;
  private final Deque<Map<String, Object>> history = new ArrayDeque<>();

  /**
   * @param nodeSelector only nodes with these labels (empty: every node)
   * @param scenario     scenario state to include, or null
   */
  public ClusterView(KubernetesClient client, Map<String, String> nodeSelector, Supplier<Map<String, Object>> scenario) {
    this.client = client;
    this.nodeSelector = nodeSelector == null ? Map.of() : nodeSelector;
    this.scenario = scenario;
  }

  /** The whole state as plain maps and lists (serialised to JSON by the page server). */
  public Map<String, Object> state() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("time", java.time.Instant.now().toString());
    List<Map<String, Object>> nodes = nodes();
    s.put("nodes", nodes);
    s.put("totals", totals(nodes));
    List<Map<String, Object>> pools = pools();
    s.put("pools", pools);
    s.put("market", market(pools));
    s.put("events", events());
    synchronized (history) {
      s.put("history", new ArrayList<>(history));
    }
    if (scenario != null) {
      s.put("scenario", scenario.get());
    }
    return s;
  }

  /** One history point: time, profit/revenue/power per hour summed over pools, and GPUs by use. */
  public Map<String, Object> sample() {
    List<Map<String, Object>> nodes = nodes();
    List<Map<String, Object>> pools = pools();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("t", System.currentTimeMillis());
    double profit = 0;
    double revenue = 0;
    double power = 0;
    boolean any = false;
    for (var pool : pools) {
      if (pool.get("profitUsdPerHour") instanceof Number n) {
        profit += n.doubleValue();
        any = true;
      }
      if (pool.get("revenueUsdPerHour") instanceof Number n) {
        revenue += n.doubleValue();
      }
      if (pool.get("powerCostUsdPerHour") instanceof Number n) {
        power += n.doubleValue();
      }
    }
    p.put("profit", any ? round(profit) : null);
    p.put("revenue", any ? round(revenue) : null);
    p.put("power", any ? round(power) : null);
    p.put("gpus", totals(nodes));
    if (scenario != null && scenario.get().get("marketTime") != null) {
      p.put("marketTime", scenario.get().get("marketTime"));
    }
    synchronized (history) {
      history.addLast(p);
      while (history.size() > HISTORY) {
        history.removeFirst();
      }
    }
    return p;
  }

  List<Map<String, Object>> nodes() {
    List<Node> nodes = new ArrayList<>(nodeSelector.isEmpty() ? client.nodes().list().getItems()
        : client.nodes().withLabels(nodeSelector).list().getItems());
    Map<String, List<Pod>> podsByNode = new HashMap<>();
    for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
      String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      if (node == null || "Succeeded".equals(phase) || "Failed".equals(phase) || gpus(pod) == 0) {
        continue;
      }
      podsByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(pod);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    nodes.sort(Comparator.comparing(n -> n.getMetadata().getName()));
    for (Node n : nodes) {
      Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
      Map<String, String> ann = n.getMetadata().getAnnotations() == null ? Map.of() : n.getMetadata().getAnnotations();
      int physical = parseInt(ann.get("gpushift.io/physical-gpus"), -1);
      if (physical < 0) {
        physical = parseInt(labels.get("nvidia.com/gpu.count"), -1);
      }
      if (physical < 0) {
        Quantity q = n.getStatus() == null || n.getStatus().getAllocatable() == null ? null
            : n.getStatus().getAllocatable().get(GPU);
        physical = q == null ? 0 : q.getNumericalAmount().intValue();
      }
      List<Map<String, Object>> cells = new ArrayList<>();
      List<Pod> pods = new ArrayList<>(podsByNode.getOrDefault(n.getMetadata().getName(), List.of()));
      pods.sort(Comparator.comparing((Pod p) -> use(p)).thenComparing(p -> p.getMetadata().getName()));
      for (Pod p : pods) {
        for (int i = 0; i < gpus(p); i++) {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("use", use(p));
          c.put("pod", p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
          c.put("workload", workload(p));
          c.put("leaving", p.getMetadata().getDeletionTimestamp() != null
              || p.getMetadata().getAnnotations() != null
              && p.getMetadata().getAnnotations().containsKey("gpushift.io/checkpoint-requested-at"));
          cells.add(c);
        }
      }
      while (cells.size() < physical) {
        cells.add(Map.of("use", "idle"));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", n.getMetadata().getName());
      m.put("product", labels.getOrDefault("nvidia.com/gpu.product", "?"));
      m.put("group", labels.get("gpushift.io/node-group"));
      m.put("gpus", physical);
      m.put("use", labels.getOrDefault("gpushift.io/use", "idle")); // no label: never used by GPUShift, idle
      m.put("pin", ann.get("gpushift.io/pin"));
      m.put("cells", cells);
      out.add(m);
    }
    return out;
  }

  static Map<String, Integer> totals(List<Map<String, Object>> nodes) {
    Map<String, Integer> t = new TreeMap<>();
    t.put("nodes", nodes.size());
    for (String k : List.of("gpus", "mining", "ai", "idle", "other")) {
      t.put(k, 0);
    }
    for (var n : nodes) {
      for (Object c : (List<?>) n.get("cells")) {
        String use = (String) ((Map<?, ?>) c).get("use");
        t.merge("gpus", 1, Integer::sum);
        t.merge(use, 1, Integer::sum);
      }
    }
    return t;
  }

  /** {@code mining} for GPUShift miners, {@code ai} for GPUShift AI replicas, {@code other} for any other GPU pod. */
  static String use(Pod p) {
    Map<String, String> l = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
    String kind = l.get("gpushift.io/kind");
    if (kind == null) {
      return "other";
    }
    return kind.equals("miner") || kind.equals("mining") ? "mining" : "ai";
  }

  static String workload(Pod p) {
    Map<String, String> l = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
    return l.getOrDefault("gpushift.io/workload", p.getMetadata().getName());
  }

  static int gpus(Pod p) {
    int sum = 0;
    for (Container c : p.getSpec().getContainers()) {
      if (c.getResources() == null) {
        continue;
      }
      Quantity q = c.getResources().getLimits() == null ? null : c.getResources().getLimits().get(GPU);
      if (q == null && c.getResources().getRequests() != null) {
        q = c.getResources().getRequests().get(GPU);
      }
      if (q != null) {
        sum += q.getNumericalAmount().intValue();
      }
    }
    return sum;
  }

  List<Map<String, Object>> pools() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (GenericKubernetesResource r : list("GPUNodePool", false)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.getMetadata().getName());
      Map<String, Object> spec = map(r.getAdditionalProperties().get("spec"));
      Map<String, Object> status = map(r.getAdditionalProperties().get("status"));
      Map<String, Object> elec = map(spec.get("electricity"));
      m.put("usdPerKWh", elec.get("usdPerKWh"));
      m.put("pue", elec.get("pue"));
      m.put("mode", map(spec.get("policy")).get("mode"));
      for (String k : List.of("revenueUsdPerHour", "powerCostUsdPerHour", "profitUsdPerHour", "gpus")) {
        m.put(k, status.get(k));
      }
      m.put("lastDecision", map(status.get("lastDecision")));
      out.add(m);
    }
    return out;
  }

  /** The static market values in the resources: what the scenario changes. */
  List<Map<String, Object>> market(List<Map<String, Object>> pools) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (var p : pools) {
      if (p.get("usdPerKWh") != null) {
        out.add(row("GPUNodePool/" + p.get("name"), "electricity", p.get("usdPerKWh"), "USD/kWh"));
      }
    }
    for (GenericKubernetesResource r : list("MiningPool", true)) {
      Map<String, Object> spec = map(r.getAdditionalProperties().get("spec"));
      Map<String, Object> net = map(map(spec.get("revenue")).get("network"));
      Object price = map(net.get("coinPriceUsd")).get("value");
      out.add(row("MiningPool/" + r.getMetadata().getName(), spec.get("coin") + " price",
          price == null ? "feed" : price, "USD"));
    }
    for (GenericKubernetesResource r : list("AIWorkload", true)) {
      Map<String, Object> spec = map(r.getAdditionalProperties().get("spec"));
      String name = "AIWorkload/" + r.getMetadata().getName();
      out.add(row(name, "max replicas", spec.get("maxReplicas"),
          "× " + Objects.requireNonNullElse(spec.get("gpusPerReplica"), 1) + " GPU, "
              + Objects.requireNonNullElse(spec.get("commitment"), "Preemptible")));
      if (spec.get("profiles") instanceof List<?> profiles) {
        for (Object o : profiles) {
          Map<String, Object> prof = map(o);
          Object v = map(prof.get("revenuePerGpuHour")).get("value");
          out.add(row(name, "revenue " + prof.get("gpuProduct"), v == null ? "feed" : v,
              Objects.requireNonNullElse(prof.get("currency"), "USD") + "/GPU-h"));
        }
      }
    }
    return out;
  }

  private static Map<String, Object> row(String object, String what, Object value, String unit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", object);
    m.put("what", what);
    m.put("value", value);
    m.put("unit", unit);
    return m;
  }

  List<Map<String, Object>> events() {
    List<Event> events = new ArrayList<>();
    for (Event e : client.v1().events().inAnyNamespace().list().getItems()) {
      String src = e.getSource() == null ? null : e.getSource().getComponent();
      if ("gpushift".equals(src) || "gpushift".equals(e.getReportingComponent())) {
        events.add(e);
      }
    }
    events.sort(Comparator.comparing(ClusterView::when).reversed());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Event e : events.subList(0, Math.min(EVENTS, events.size()))) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("time", when(e));
      m.put("type", e.getType());
      m.put("reason", e.getReason());
      m.put("object", e.getInvolvedObject() == null ? null
          : e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName());
      m.put("message", e.getMessage());
      out.add(m);
    }
    return out;
  }

  private static String when(Event e) {
    if (e.getLastTimestamp() != null) {
      return e.getLastTimestamp();
    }
    if (e.getEventTime() != null && e.getEventTime().getTime() != null) {
      return e.getEventTime().getTime();
    }
    return Objects.requireNonNullElse(e.getFirstTimestamp(), e.getMetadata().getCreationTimestamp());
  }

  private List<GenericKubernetesResource> list(String kind, boolean namespaced) {
    try {
      var ops = client.genericKubernetesResources(API, kind);
      return namespaced ? ops.inAnyNamespace().list().getItems() : ops.list().getItems();
    } catch (KubernetesClientException e) {
      return List.of(); // CRDs not installed (yet)
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static int parseInt(String s, int dflt) {
    try {
      return s == null ? dflt : Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private static double round(double d) {
    return Math.round(d * 100) / 100.0;
  }
}
