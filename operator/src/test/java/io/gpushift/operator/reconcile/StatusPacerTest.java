package io.gpushift.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.AIWorkloadStatus;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.ConditionStatus;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Status writes: settled states at once, states in transition held for an interval, the last state always lands. */
class StatusPacerTest {

  static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");
  final AtomicReference<Instant> now = new AtomicReference<>(T0);
  final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  };
  final StatusPacer pacer = new StatusPacer(Duration.ofSeconds(10), clock);
  final AIWorkload w = workload();

  @Test
  void replicasStartingWithinTheIntervalWriteOnlyTheSettledStatus() {
    AIWorkloadStatus idle = status(0, 0, "NoGpusAssigned", "valid; no GPUs are given to it at current prices");
    var planned = at(0, idle, status(8, 0, "Scaling", "0 of 8 planned replica(s) running"));
    assertThat(planned.isNoUpdate()).as("a new plan in transition waits").isTrue();
    assertThat(planned.getScheduleDelay()).as("a pass is due when the interval ends").contains(10_000L);
    assertThat(at(3, idle, status(8, 5, "Scaling", "5 of 8 planned replica(s) running")).isNoUpdate()).isTrue();
    assertThat(at(6, idle, status(8, 8, "Running", "8 pod(s) running")).isPatchStatus())
        .as("settled: written at once").isTrue();
  }

  @Test
  void aLongTransitionIsWrittenOncePerIntervalAndTheLastStateLands() {
    AIWorkloadStatus idle = status(0, 0, "NoGpusAssigned", "valid; no GPUs are given to it at current prices");
    at(0, idle, status(8, 0, "Scaling", "0 of 8 planned replica(s) running"));
    AIWorkloadStatus two = status(8, 2, "Scaling", "2 of 8 planned replica(s) running");
    assertThat(at(10, idle, two).isPatchStatus()).as("the scheduled pass writes what it sees then").isTrue();
    var three = at(12, two, status(8, 3, "Scaling", "3 of 8 planned replica(s) running"));
    assertThat(three.isNoUpdate()).isTrue();
    assertThat(three.getScheduleDelay()).contains(8_000L);
    assertThat(at(20, two, status(8, 3, "Scaling", "3 of 8 planned replica(s) running")).isPatchStatus()).isTrue();
  }

  @Test
  void anUnchangedStatusIsNeverWritten() {
    AIWorkloadStatus running = status(8, 8, "Running", "8 pod(s) running");
    assertThat(at(0, running, status(8, 8, "Running", "8 pod(s) running")).isNoUpdate()).isTrue();
    assertThat(at(0, null, running).isPatchStatus()).as("no status yet, settled").isTrue();
  }

  private UpdateControl<AIWorkload> at(int second, AIWorkloadStatus before, AIWorkloadStatus after) {
    now.set(T0.plusSeconds(second));
    return pacer.control(w, before, after, after.conditions, () -> w);
  }

  static AIWorkloadStatus status(int desired, int running, String reason, String message) {
    AIWorkloadStatus s = new AIWorkloadStatus();
    s.desiredReplicas = desired;
    s.runningReplicas = running;
    s.gpus = running * 8;
    boolean settled = "Running".equals(reason) || "NoGpusAssigned".equals(reason);
    Condition ready = new Condition("Ready", settled ? ConditionStatus.True : ConditionStatus.False, reason, message);
    ready.lastTransitionTime = T0.toString();
    s.conditions = new ArrayList<>(List.of(ready));
    return Serialization.clone(s);
  }

  static AIWorkload workload() {
    AIWorkload w = new AIWorkload();
    w.setMetadata(new ObjectMetaBuilder().withNamespace("ai").withName("llm").build());
    return w;
  }

  @Test
  void aNewObjectNotYetPlannedWaitsForThePoolsNextPass() {
    var unplanned = at(0, null, status(0, 0, "NoPoolInReach", "no GPUNodePool can run it"));
    assertThat(unplanned.isNoUpdate()).as("the pool has not decided since the object appeared").isTrue();
    assertThat(at(10, null, status(0, 0, "NoPoolInReach", "no GPUNodePool can run it")).isPatchStatus())
        .as("still unplanned after the interval: it is the object's state").isTrue();
  }
}
