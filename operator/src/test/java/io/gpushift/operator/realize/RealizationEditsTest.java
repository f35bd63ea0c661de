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
        Map.of("ns/AIWorkload/llm", 120));

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

  private static DesiredPod tenant(String namespace, String node, String image) {
    return new DesiredPod(namespace, Names.replica("inference", node, 0), node,
        new io.gpushift.operator.model.Owner("gpushift.io/v1alpha1", "AIWorkload", "inference", "uid-" + namespace),
        WorkKind.AI, 8, Keys.PRIORITY_AI_GUARANTEED, true, 60, Map.of(), spec(image), "contract");
  }
}
