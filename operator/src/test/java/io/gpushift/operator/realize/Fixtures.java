package io.gpushift.operator.realize;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.operator.Keys;
import io.gpushift.operator.model.DesiredNode;
import io.gpushift.operator.model.DesiredPod;
import io.gpushift.operator.model.DesiredState;
import io.gpushift.operator.model.NodeUse;
import io.gpushift.operator.model.Owner;
import io.gpushift.operator.model.WorkKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for realizer unit tests: desired pods, the pods they become once running, and nodes. */
final class Fixtures {

  static final Owner ETC = new Owner("gpushift.io/v1alpha1", "MiningPool", "etc", "uid-etc");
  static final Owner LLM = new Owner("gpushift.io/v1alpha1", "AIWorkload", "llm", "uid-llm");
  static final Owner CONTRACT = new Owner("gpushift.io/v1alpha1", "AIWorkload", "contract", "uid-contract");

  private Fixtures() {
  }

  static PodSpec spec(String image) {
    return new PodSpecBuilder().withContainers(new ContainerBuilder().withName("main").withImage(image).build()).build();
  }

  static DesiredPod miner(String node, int gpus) {
    return new DesiredPod("ns", Names.miner("etc", node), node, ETC, WorkKind.MINER, gpus, Keys.PRIORITY_MINING, false,
        0, Map.of(), spec("miner:1"), "mining pays 0.30 USD/GPU-h");
  }

  static DesiredPod replica(Owner owner, String node, int index, int gpus, boolean guaranteed, int grace) {
    return new DesiredPod("ns", Names.replica(owner.name(), node, index), node, owner, WorkKind.AI, gpus,
        guaranteed ? Keys.PRIORITY_AI_GUARANTEED : Keys.PRIORITY_AI_PREEMPTIBLE, guaranteed, grace, Map.of(),
        spec("llm:1"), "AI pays more");
  }

  /** The pod as the cluster would show it once scheduled and running. */
  static Pod running(DesiredPod want) {
    Pod pod = PodFactory.build("pool", want);
    pod.getSpec().setNodeName(want.node());
    pod.setStatus(new PodStatusBuilder().withPhase("Running").build());
    return pod;
  }

  static Pod annotated(Pod pod, String key, String value) {
    Pod copy = Serialization.clone(pod);
    ObjectMeta meta = copy.getMetadata();
    Map<String, String> annotations = new HashMap<>(meta.getAnnotations());
    annotations.put(key, value);
    meta.setAnnotations(annotations);
    return copy;
  }

  static NodeView node(String name, int allocatable, int used, int pods, Map<String, String> labels) {
    return new NodeView(name, allocatable, used, pods, labels, Map.of());
  }

  static Map<String, NodeView> nodes(NodeView... views) {
    Map<String, NodeView> map = new LinkedHashMap<>();
    for (NodeView v : views) {
      map.put(v.name(), v);
    }
    return map;
  }

  static DesiredState state(List<DesiredPod> pods, DesiredNode... nodes) {
    Map<String, DesiredNode> map = new LinkedHashMap<>();
    for (DesiredNode n : nodes) {
      map.put(n.name(), n);
    }
    return new DesiredState("pool", pods, map);
  }

  static DesiredNode use(String node, NodeUse use) {
    return new DesiredNode(node, use, null);
  }
}
