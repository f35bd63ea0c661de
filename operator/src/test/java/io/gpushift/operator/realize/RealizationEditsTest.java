package io.gpushift.operator.realize;

import static io.gpushift.operator.realize.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.operator.Keys;
import io.gpushift.operator.model.DesiredPod;
import io.gpushift.operator.model.DesiredState;
import io.gpushift.operator.model.NodeUse;
import io.gpushift.operator.model.WorkKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What another actor's edits, or another tenant's same-named workload, must not change. */
class RealizationEditsTest {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final Duration SETTLE = Duration.ofSeconds(30);

  @ParameterizedTest
  @ValueSource(strings = {"1", "0", "soon"})
  void aHandEditedGraceAnnotationDoesNotShortenTheWorkloadsGrace(String edited) {
    Pod requested = annotated(annotated(running(replica(LLM, "a-01", 0, 8, false, 120)),
        Keys.CHECKPOINT_REQUESTED_AT, NOW.toString()), Keys.CHECKPOINT_GRACE_SECONDS, edited);
    var nodes = nodes(node("a-01", 8, 8, 1, Map.of(Keys.USE, "idle")));
    DesiredState idle = new DesiredState("pool", List.of(), Map.of("a-01", use("a-01", NodeUse.IDLE)),
        Map.of("ns/AIWorkload/llm", 120), Map.of());

    Steps during = Realization.plan(idle, List.of(requested), nodes, NOW.plusSeconds(60), SETTLE);
    assertThat(during.deleteNow).as("the workload still promises 120 s").isEmpty();
    assertThat(during.wakeAt).isEqualTo(NOW.plusSeconds(120));
    assertThat(Realization.plan(idle, List.of(requested), nodes, NOW.plusSeconds(120), SETTLE).deleteNow).hasSize(1);

    DesiredState workloadGone = new DesiredState("pool", List.of(), idle.nodes());
    assertThat(Realization.plan(workloadGone, List.of(requested), nodes, NOW.plusSeconds(60), SETTLE).deleteNow)
        .as("with the workload gone, the pod's annotation is all there is").hasSize(1);
  }

  @Test
  void sameNamedGuaranteedWorkloadsInTwoNamespacesAreTwoContracts() {
    DesiredPod tenantA = tenant("team-a", "a-01", "vllm:1");
    DesiredPod tenantB = tenant("team-b", "a-02", "tgi:2");
    var state = new DesiredState("pool", List.of(tenantA, tenantB), Map.of("a-01", use("a-01", NodeUse.AI),
        "a-02", use("a-02", NodeUse.AI)));
    Steps steps = Realization.plan(state, List.of(running(tenantA), running(tenantB)),
        nodes(node("a-01", 8, 8, 1, Map.of(Keys.USE, "ai")), node("a-02", 8, 8, 1, Map.of(Keys.USE, "ai"))), NOW,
        SETTLE);
    assertThat(steps.converged()).as("each replica matches its own workload's template").isTrue();
  }

  @Test
  void anOutdatedGuaranteedReplicaIsReplacedCreateBeforeDelete() {
    Pod old = running(contract("a-01", "vllm:1"));
    DesiredPod want = contract("a-01", "vllm:2"); // the template changed (or someone edited the old one's hash)
    var state = new DesiredState("pool", List.of(want), Map.of("a-01", use("a-01", NodeUse.AI)), Map.of(),
        Map.of("ns/AIWorkload/contract", 1));
    var nodes = nodes(node("a-01", 8, 4, 1, Map.of(Keys.USE, "ai")));

    Steps first = Realization.plan(state, List.of(old), nodes, NOW, SETTLE);
    assertThat(first.create).extracting(p -> p.getMetadata().getName()).singleElement()
        .isNotEqualTo(old.getMetadata().getName()).asString().startsWith(want.name() + "-");
    assertThat(first.deleteNow).isEmpty();
    assertThat(first.requestCheckpoint).as("the old replica stays until the new one runs").isEmpty();
    assertThat(first.waiting).anyMatch(w -> w.contains("kept until its replacement runs"));

    Pod replacement = first.create.get(0);
    replacement.getSpec().setNodeName("a-01");
    replacement.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Pending").build());
    var full = nodes(node("a-01", 8, 8, 2, Map.of(Keys.USE, "ai")));
    Steps starting = Realization.plan(state, List.of(old, replacement), full, NOW, SETTLE);
    assertThat(starting.create).as("created once, found again by its shape").isEmpty();
    assertThat(starting.requestCheckpoint).isEmpty();

    replacement.getStatus().setPhase("Running");
    Steps running = Realization.plan(state, List.of(old, replacement), full, NOW, SETTLE);
    assertThat(running.requestCheckpoint).extracting(r -> r.pod().getMetadata().getName())
        .containsExactly(old.getMetadata().getName());
    assertThat(running.create).isEmpty();
  }

  @Test
  void anOutdatedGuaranteedReplicaStaysWhenItsReplacementCannotBePlaced() {
    Pod old = running(contract("a-01", "vllm:1"));
    var state = new DesiredState("pool", List.of(), Map.of("a-01", use("a-01", NodeUse.AI)), Map.of(),
        Map.of("ns/AIWorkload/contract", 1));
    Steps steps = Realization.plan(state, List.of(old), nodes(node("a-01", 8, 8, 1, Map.of(Keys.USE, "ai"))), NOW,
        SETTLE);
    assertThat(steps.requestCheckpoint).isEmpty();
    assertThat(steps.deleteNow).isEmpty();
    assertThat(steps.waiting).anyMatch(w -> w.contains("guaranteed 1 replica(s), 0 of the planned ones running"));
  }

  private static DesiredPod contract(String node, String image) {
    return new DesiredPod("ns", Names.replica("contract", node, 0), node, CONTRACT, WorkKind.AI, 4,
        Keys.PRIORITY_AI_GUARANTEED, true, 60, Map.of(), spec(image), "contract");
  }

  private static DesiredPod tenant(String namespace, String node, String image) {
    return new DesiredPod(namespace, Names.replica("inference", node, 0), node,
        new io.gpushift.operator.model.Owner("gpushift.io/v1alpha1", "AIWorkload", "inference", "uid-" + namespace),
        WorkKind.AI, 8, Keys.PRIORITY_AI_GUARANTEED, true, 60, Map.of(), spec(image), "contract");
  }
}
