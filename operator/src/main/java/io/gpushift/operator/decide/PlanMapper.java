package io.gpushift.operator.decide;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.AIWorkloadSpec;
import io.gpushift.api.v1alpha1.DevicePluginConfigs;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.operator.Keys;
import io.gpushift.operator.model.DesiredNode;
import io.gpushift.operator.model.DesiredPod;
import io.gpushift.operator.model.DesiredState;
import io.gpushift.operator.model.NodeUse;
import io.gpushift.operator.model.Owner;
import io.gpushift.operator.model.WorkKind;
import io.gpushift.operator.realize.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Decision (GPUs per option per node) + the custom resources → the neutral {@link DesiredState} the realizer applies. */
public final class PlanMapper {

  private PlanMapper() {
  }

  /**
   * @param frozen      nodes whose labels the operator must not touch (pinned {@code exclude}); their pods are carried
   *                    over by the decision as they are
   * @param tolerations per node, tolerations of its NoSchedule/NoExecute taints: selecting a node into a GPUNodePool
   *                    hands its GPUs to GPUShift, so the pods GPUShift places there tolerate what keeps others away
   */
  public static DesiredState map(GPUNodePool pool, Decision decision, Map<String, MiningPool> mining,
      Map<String, AIWorkload> ai, Set<String> frozen, Map<String, List<Toleration>> tolerations) {
    String poolName = pool.getMetadata().getName();
    List<DesiredPod> pods = new ArrayList<>();
    Map<String, DesiredNode> nodes = new LinkedHashMap<>();
    Map<String, PodSpec> templates = new HashMap<>(); // one clone of each workload's template per pass, not per node
    Map<String, String> firstWhy = new HashMap<>(); // node → its first explanation; a scan per node was O(nodes²)
    for (String e : decision.explanations()) {
      int colon = e.indexOf(':');
      if (colon > 0) {
        firstWhy.putIfAbsent(e.substring(0, colon), e);
      }
    }
    decision.gpusByNode().forEach((node, uses) -> {
      int minerGpus = 0;
      int aiGpus = 0;
      String why = firstWhy.getOrDefault(node, "plan of GPUNodePool " + poolName);
      for (var use : uses.entrySet()) {
        MiningPool mp = mining.get(use.getKey());
        AIWorkload w = ai.get(use.getKey());
        if (mp != null) {
          minerGpus += use.getValue();
          pods.add(new DesiredPod(mp.getMetadata().getNamespace(), Names.miner(mp.getMetadata().getName(), node),
              node, owner(mp), WorkKind.MINER, use.getValue(), Keys.PRIORITY_MINING, false, 0, Map.of(),
              tolerate(MinerSpec.build(mp, node, use.getValue()), tolerations.get(node)), why,
              specKey(mp, tolerations.get(node))));
        } else if (w != null) {
          aiGpus += use.getValue();
          addReplicas(pods, w, node, use.getValue(), why, tolerations.get(node), templates);
        }
      }
      if (!frozen.contains(node)) {
        NodeUse nodeUse = NodeUse.of(minerGpus, aiGpus);
        nodes.put(node, new DesiredNode(node, nodeUse, devicePluginConfig(pool.getSpec().devicePluginConfigs,
            nodeUse)));
      }
    });
    Map<String, Integer> graces = new LinkedHashMap<>();
    Map<String, Integer> contracts = new LinkedHashMap<>();
    ai.values().forEach(w -> {
      String key = w.getMetadata().getNamespace() + "/" + owner(w).key();
      graces.put(key, grace(w.getSpec()));
      if (w.getSpec().commitment == AIWorkloadSpec.Commitment.Guaranteed && w.getSpec().minReplicas != null) {
        contracts.put(key, w.getSpec().minReplicas);
      }
    });
    return new DesiredState(poolName, pods, nodes, graces, contracts);
  }

  private static int grace(AIWorkloadSpec s) {
    return s.checkpointGraceSeconds == null ? 30 : s.checkpointGraceSeconds;
  }

  /** The replicas on one node; they share one base spec (read only from here on: PodFactory clones it). */
  private static void addReplicas(List<DesiredPod> pods, AIWorkload w, String node, int gpus, String why,
      List<Toleration> nodeTolerations, Map<String, PodSpec> templates) {
    AIWorkloadSpec s = w.getSpec();
    int perReplica = s.gpusPerReplica == null ? 1 : s.gpusPerReplica;
    for (int i = 0; i < gpus / perReplica; i++) {
      pods.add(replica(w, node, Names.replica(w.getMetadata().getName(), node, i), why, nodeTolerations, templates));
    }
  }

  /**
   * One replica of {@code w} on {@code node}, named {@code name}: also what a live replica is compared with.
   *
   * @param templates base specs by workload, cloned once per pass and shared read-only by its replicas
   */
  public static DesiredPod replica(AIWorkload w, String node, String name, String why,
      List<Toleration> nodeTolerations, Map<String, PodSpec> templates) {
    AIWorkloadSpec s = w.getSpec();
    boolean guaranteed = s.commitment == AIWorkloadSpec.Commitment.Guaranteed;
    Map<String, String> labels = s.template == null || s.template.getMetadata() == null
        || s.template.getMetadata().getLabels() == null ? Map.of() : s.template.getMetadata().getLabels();
    int grace = grace(s);
    PodSpec template = templates.computeIfAbsent(Translate.id(w), k -> {
      PodSpec base = s.template == null || s.template.getSpec() == null ? new PodSpec()
          : Serialization.clone(s.template.getSpec());
      if (base.getTerminationGracePeriodSeconds() == null) {
        base.setTerminationGracePeriodSeconds((long) grace); // the checkpoint grace doubles as SIGTERM grace
      }
      return base;
    });
    PodSpec base = nodeTolerations == null || nodeTolerations.isEmpty() ? template
        : tolerate(Serialization.clone(template), nodeTolerations);
    return new DesiredPod(w.getMetadata().getNamespace(), name, node, owner(w), WorkKind.AI,
        s.gpusPerReplica == null ? 1 : s.gpusPerReplica,
        guaranteed ? Keys.PRIORITY_AI_GUARANTEED : Keys.PRIORITY_AI_PREEMPTIBLE, guaranteed, grace, labels, base, why,
        specKey(w, nodeTolerations));
  }

  /**
   * What a pod's base spec and labels are made from besides the node, GPUs and priority: the owner's spec (uid and
   * generation: a new spec, or a re-created owner, has another generation or uid) and the node's tolerations.
   */
  static String specKey(io.fabric8.kubernetes.api.model.HasMetadata owner, List<Toleration> nodeTolerations) {
    var m = owner.getMetadata();
    if (m.getGeneration() == null) {
      return null; // no generation (hand-made objects): nothing tells a changed spec, so nothing is cached
    }
    return owner.getKind() + "/" + m.getNamespace() + "/" + m.getName() + "/" + m.getUid() + "@" + m.getGeneration()
        + (nodeTolerations == null || nodeTolerations.isEmpty() ? "" : "|" + nodeTolerations);
  }

  private static PodSpec tolerate(PodSpec spec, List<Toleration> extra) {
    if (extra != null && !extra.isEmpty()) {
      List<Toleration> all = new ArrayList<>(spec.getTolerations() == null ? List.of() : spec.getTolerations());
      extra.stream().filter(t -> !all.contains(t)).forEach(all::add);
      spec.setTolerations(all);
    }
    return spec;
  }

  /** Tolerations for a node's scheduling taints; node-condition taints (node.kubernetes.io/...) are not tolerated. */
  public static List<Toleration> tolerationsFor(io.fabric8.kubernetes.api.model.Node node) {
    if (node.getSpec() == null || node.getSpec().getTaints() == null) {
      return List.of();
    }
    return node.getSpec().getTaints().stream()
        .filter(t -> !t.getKey().startsWith("node.kubernetes.io/") && !"PreferNoSchedule".equals(t.getEffect()))
        .map(t -> new TolerationBuilder().withKey(t.getKey()).withOperator(t.getValue() == null ? "Exists" : "Equal")
            .withValue(t.getValue()).withEffect(t.getEffect()).build())
        .toList();
  }

  static String devicePluginConfig(DevicePluginConfigs configs, NodeUse use) {
    if (configs == null) {
      return null;
    }
    return switch (use) {
      case MINING -> configs.mining;
      case AI -> configs.ai;
      case IDLE -> configs.idle;
      case MIXED -> null;
    };
  }

  static Owner owner(io.fabric8.kubernetes.api.model.HasMetadata r) {
    return new Owner(r.getApiVersion(), r.getKind(), r.getMetadata().getName(), r.getMetadata().getUid());
  }
}
