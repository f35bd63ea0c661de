package io.gpushift.operator.realize;

import static io.gpushift.operator.realize.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.operator.Keys;
import io.gpushift.operator.model.DesiredPod;
import io.gpushift.operator.model.NodeUse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealizationTest {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final Duration SETTLE = Duration.ofSeconds(30);
  static final Map<String, String> MINING = Map.of(Keys.USE, "mining");

  @Test
  void placesMinersWithTheirGpusAndHardening() {
    var state = state(List.of(miner("a-01", 8), miner("a-02", 4)), use("a-01", NodeUse.MINING),
        use("a-02", NodeUse.MINING));
    Steps steps = Realization.plan(state, List.of(), nodes(node("a-01", 8, 0, 0, Map.of()),
        node("a-02", 8, 0, 0, Map.of())), NOW, SETTLE);

    assertThat(steps.create).hasSize(2);
    Pod pod = steps.create.get(0);
    assertThat(pod.getSpec().getNodeSelector()).containsEntry(Keys.HOSTNAME, "a-01");
    assertThat(Pods.gpus(pod)).isEqualTo(8);
    assertThat(pod.getSpec().getPriorityClassName()).isEqualTo(Keys.PRIORITY_MINING);
    assertThat(pod.getMetadata().getLabels()).containsEntry(Keys.MANAGED_BY, "gpushift").containsEntry(Keys.POOL, "pool")
        .containsEntry(Keys.WORKLOAD, "etc");
    assertThat(pod.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("uid-etc");
    Container c = pod.getSpec().getContainers().get(0);
    assertThat(c.getSecurityContext().getPrivileged()).isFalse();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(steps.nodePatches).extracting(Steps.NodePatch::node).containsExactly("a-01", "a-02");
  }

  @Test
  void matchingClusterMeansNoWrites() {
    DesiredPod m = miner("a-01", 8);
    Steps steps = Realization.plan(state(List.of(m), use("a-01", NodeUse.MINING)), List.of(running(m)),
        nodes(node("a-01", 8, 8, 1, MINING)), NOW, SETTLE);
    assertThat(steps.converged()).isTrue();
  }

  @Test
  void minersLeaveAtOnceAndAiWaitsForTheirGpus() {
    DesiredPod m = miner("a-01", 8);
    DesiredPod ai = replica(LLM, "a-01", 0, 8, true, 60);
    Steps steps = Realization.plan(state(List.of(ai), use("a-01", NodeUse.AI)), List.of(running(m)),
        nodes(node("a-01", 8, 8, 1, MINING)), NOW, SETTLE);
    assertThat(steps.deleteNow).extracting(r -> r.pod().getMetadata().getName()).containsExactly(m.name());
    assertThat(steps.create).isEmpty();
    assertThat(steps.waiting).anyMatch(w -> w.contains("0 free"));
  }

  @Test
  void aFailedReplicaIsDeletedAndReplacedOnlyOnceItsNameIsFree() {
    DesiredPod want = replica(LLM, "a-01", 0, 8, false, 60);
    Pod failed = running(want);
    failed.getStatus().setPhase("Failed");
    failed.getStatus().setReason("StartError");
    var state = state(List.of(want), use("a-01", NodeUse.AI));
    var nodes = nodes(node("a-01", 8, 0, 0, Map.of(Keys.USE, "ai")));

    Steps first = Realization.plan(state, List.of(failed), nodes, NOW, SETTLE);
    assertThat(first.deleteNow).extracting(Steps.Removal::reason).containsExactly("pod Failed (StartError), replaced");
    assertThat(first.create).isEmpty(); // the name is still taken: a create now would only get a 409
    assertThat(first.waiting).anyMatch(w -> w.contains("finished pod"));

    Steps after = Realization.plan(state, List.of(), nodes, NOW, SETTLE);
    assertThat(after.create).extracting(p -> p.getMetadata().getName()).containsExactly(want.name());
  }

  @Test
  void changedGpuCountRecreatesTheMiner() {
    Pod old = running(miner("a-01", 8));
    Steps steps = Realization.plan(state(List.of(miner("a-01", 4)), use("a-01", NodeUse.MINING)), List.of(old),
        nodes(node("a-01", 8, 8, 1, MINING)), NOW, SETTLE);
    assertThat(steps.deleteNow).hasSize(1);
    assertThat(steps.create).isEmpty();
  }

  @Test
  void preemptibleReplicaGetsCheckpointThenGraceThenDeletion() {
    Pod ai = running(replica(LLM, "a-01", 0, 8, false, 120));
    var idle = state(List.of(), use("a-01", NodeUse.IDLE));
    var nodes = nodes(node("a-01", 8, 8, 1, Map.of(Keys.USE, "idle")));

    Steps first = Realization.plan(idle, List.of(ai), nodes, NOW, SETTLE);
    assertThat(first.requestCheckpoint).hasSize(1);
    assertThat(first.deleteNow).isEmpty();
    assertThat(first.wakeAt).isEqualTo(NOW.plusSeconds(120));

    Pod requested = annotated(ai, Keys.CHECKPOINT_REQUESTED_AT, NOW.toString());
    Steps during = Realization.plan(idle, List.of(requested), nodes, NOW.plusSeconds(60), SETTLE);
    assertThat(during.isEmpty()).isTrue();
    assertThat(during.wakeAt).isEqualTo(NOW.plusSeconds(120));

    Steps after = Realization.plan(idle, List.of(requested), nodes, NOW.plusSeconds(120), SETTLE);
    assertThat(after.deleteNow).hasSize(1);

    Pod acked = annotated(requested, Keys.CHECKPOINT_DONE, "true");
    Steps early = Realization.plan(idle, List.of(acked), nodes, NOW.plusSeconds(5), SETTLE);
    assertThat(early.deleteNow).extracting(Steps.Removal::reason).allMatch(r -> r.startsWith("checkpoint acknowledged"));
  }

  @Test
  void wantedAgainCancelsTheCheckpointRequest() {
    DesiredPod want = replica(LLM, "a-01", 0, 8, false, 120);
    Pod requested = annotated(running(want), Keys.CHECKPOINT_REQUESTED_AT, NOW.toString());
    Steps steps = Realization.plan(state(List.of(want), use("a-01", NodeUse.AI)), List.of(requested),
        nodes(node("a-01", 8, 8, 1, Map.of(Keys.USE, "ai"))), NOW, SETTLE);
    assertThat(steps.cancelCheckpoint).hasSize(1);
    assertThat(steps.deleteNow).isEmpty();
  }

  @Test
  void guaranteedReplicaIsNeverMovedForProfit() {
    Pod onA = running(replica(CONTRACT, "a-01", 0, 4, true, 60));
    DesiredPod onB = replica(CONTRACT, "a-02", 0, 4, true, 60);
    Steps steps = Realization.plan(state(List.of(onB), use("a-02", NodeUse.AI)), List.of(onA),
        nodes(node("a-01", 8, 4, 1, Map.of()), node("a-02", 8, 0, 0, Map.of(Keys.USE, "ai"))), NOW, SETTLE);
    assertThat(steps.create).isEmpty();
    assertThat(steps.deleteNow).isEmpty();
    assertThat(steps.requestCheckpoint).isEmpty();
  }

  @Test
  void doNotDisruptProtectsAPod() {
    Pod miner = annotated(running(miner("a-01", 8)), Keys.DO_NOT_DISRUPT, "true");
    Steps steps = Realization.plan(state(List.of(), use("a-01", NodeUse.IDLE)), List.of(miner),
        nodes(node("a-01", 8, 8, 1, Map.of(Keys.USE, "idle"))), NOW, SETTLE);
    assertThat(steps.deleteNow).isEmpty();
    assertThat(steps.waiting).anyMatch(w -> w.contains(Keys.DO_NOT_DISRUPT));
  }

  @Test
  void podOnDeletedNodeIsDeletedAtOnce() {
    Pod ai = running(replica(LLM, "gone", 0, 8, false, 120));
    Steps steps = Realization.plan(state(List.of()), List.of(ai), nodes(), NOW, SETTLE);
    assertThat(steps.deleteNow).extracting(Steps.Removal::reason).containsExactly("node gone is gone");
    assertThat(steps.deleteNow.get(0).force()).as("no kubelet will confirm a graceful delete").isTrue();

    Pod stuck = running(replica(LLM, "gone", 0, 8, false, 120));
    stuck.getMetadata().setDeletionTimestamp(NOW.toString());
    assertThat(Realization.plan(state(List.of()), List.of(stuck), nodes(), NOW, SETTLE).deleteNow)
        .singleElement().satisfies(r -> assertThat(r.force()).isTrue());
  }

  @Test
  void devicePluginConfigSwitchesOnlyOnADrainedNodeAndSettles() {
    DesiredPod ai = replica(LLM, "a-01", 0, 8, false, 0);
    var want = state(List.of(ai), new io.gpushift.operator.model.DesiredNode("a-01", NodeUse.AI, "ai-config"));
    Map<String, String> miningCfg = Map.of(Keys.USE, "ai", Keys.DEVICE_PLUGIN_CONFIG, "mining-config");

    Steps busy = Realization.plan(want, List.of(), nodes(node("a-01", 8, 8, 1, miningCfg)), NOW, SETTLE);
    assertThat(busy.nodePatches).isEmpty();
    assertThat(busy.create).isEmpty();

    Steps drained = Realization.plan(want, List.of(), nodes(node("a-01", 8, 0, 0, miningCfg)), NOW, SETTLE);
    assertThat(drained.nodePatches).singleElement().satisfies(p -> {
      assertThat(p.labels()).containsEntry(Keys.DEVICE_PLUGIN_CONFIG, "ai-config");
      assertThat(p.annotations()).containsEntry(Keys.DEVICE_PLUGIN_SWITCHED_AT, NOW.toString());
    });
    assertThat(drained.create).isEmpty();

    var switched = new NodeView("a-01", 8, 0, 0, Map.of(Keys.USE, "ai", Keys.DEVICE_PLUGIN_CONFIG, "ai-config"),
        Map.of(Keys.DEVICE_PLUGIN_SWITCHED_AT, NOW.toString()));
    assertThat(Realization.plan(want, List.of(), nodes(switched), NOW.plusSeconds(10), SETTLE).create).isEmpty();
    var restarting = new NodeView("a-01", 0, 0, 0, switched.labels(), switched.annotations());
    assertThat(Realization.plan(want, List.of(), nodes(restarting), NOW.plusSeconds(40), SETTLE).create).isEmpty();
    Steps settled = Realization.plan(want, List.of(), nodes(switched), NOW.plusSeconds(40), SETTLE);
    assertThat(settled.create).hasSize(1);
    assertThat(settled.nodePatches).isEmpty();
  }

  @Test
  void anIdleNodeWeNeverUsedGetsNoLabelButOneWeUsedDoes() {
    var idle = state(List.of(), use("a-01", NodeUse.IDLE), use("a-02", NodeUse.IDLE));
    Steps steps = Realization.plan(idle, List.of(), nodes(node("a-01", 8, 0, 0, Map.of()),
        node("a-02", 8, 0, 0, MINING)), NOW, SETTLE);
    assertThat(steps.nodePatches).extracting(Steps.NodePatch::node).containsExactly("a-02");
  }
}
