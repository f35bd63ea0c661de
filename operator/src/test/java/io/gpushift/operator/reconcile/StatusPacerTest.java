package io.gpushift.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.AIWorkloadStatus;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.ConditionStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Status writes: significant changes at once, progress at most once per interval, the last state always lands. */
class StatusPacerTest {

  static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");
  final AtomicReference<Instant> now = new AtomicReference<>(T0);
  final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };
  final StatusPacer pacer = new StatusPacer(Duration.ofSeconds(10), clock);
  final AIWorkload w = workload();

  @Test
  void startingReplicasAreWrittenOncePerIntervalAndTheFinalCountLands() {
    AIWorkloadStatus written = status(8, 0, "Scaling", "0 of 8 planned replica(s) running");
    assertThat(pacer.control(w, null, written, () -> w).isPatchStatus()).as("first status").isTrue();

    // Replicas start one by one: within the interval nothing is written, a pass is scheduled for its end.
    now.set(T0.plusSeconds(2));
    var one = pacer.control(w, written, status(8, 1, "Scaling", "1 of 8 planned replica(s) running"), () -> w);
    assertThat(one.isNoUpdate()).isTrue();
    assertThat(one.getScheduleDelay()).contains(8_000L);
    now.set(T0.plusSeconds(5));
    assertThat(pacer.control(w, written, status(8, 5, "Scaling", "5 of 8 planned replica(s) running"), () -> w)
        .isNoUpdate()).isTrue();

    // The scheduled pass writes the progress it sees then.
    now.set(T0.plusSeconds(10));
    AIWorkloadStatus six = status(8, 6, "Scaling", "6 of 8 planned replica(s) running");
    assertThat(pacer.control(w, written, six, () -> w).isPatchStatus()).isTrue();

    // All running: Ready's reason changes, which is written at once, inside the interval.
    now.set(T0.plusSeconds(11));
    assertThat(pacer.control(w, six, status(8, 8, "Running", "8 pod(s) running"), () -> w).isPatchStatus())
        .isTrue();
  }

  @Test
  void aChangeOfPlanIsWrittenAtOnceAndAnUnchangedStatusNever() {
    AIWorkloadStatus written = status(8, 0, "Scaling", "0 of 8 planned replica(s) running");
    pacer.control(w, null, written, () -> w);
    now.set(T0.plusSeconds(1));
    assertThat(pacer.control(w, written, status(4, 1, "Scaling", "1 of 4 planned replica(s) running"), () -> w)
        .isPatchStatus()).as("desired replicas changed").isTrue();
    now.set(T0.plusSeconds(30));
    assertThat(pacer.control(w, written, status(8, 0, "Scaling", "0 of 8 planned replica(s) running"), () -> w)
        .isNoUpdate()).isTrue();
  }

  static AIWorkloadStatus status(int desired, int running, String reason, String message) {
    AIWorkloadStatus s = new AIWorkloadStatus();
    s.desiredReplicas = desired;
    s.runningReplicas = running;
    s.gpus = running * 8;
    Condition ready = new Condition("Ready", "Running".equals(reason) ? ConditionStatus.True : ConditionStatus.False,
        reason, message);
    ready.lastTransitionTime = T0.toString();
    s.conditions = new ArrayList<>(List.of(ready));
    return Serialization.clone(s);
  }

  static AIWorkload workload() {
    AIWorkload w = new AIWorkload();
    w.setMetadata(new ObjectMetaBuilder().withNamespace("ai").withName("llm").build());
    return w;
  }
}
