package io.gpushift.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.operator.realize.Pods;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Writes per shift: every request the operator's client makes (the write counter) against the object changes a watch
 * sees (ChangeCounter). Events are writes too; they are reported separately, as they change no object of the
 * cluster's state. Prints e.g. {@code WRITES to-ai: 9 writes (+2 events) for 9 changes, ratio 1.00 (1.22 with events)}.
 */
class OperatorWritesIT extends OperatorItBase {

  private static final double BOUND = 1.1;

  @Test
  void writesPerPriceFlipAreCloseToTheObjectsChanged() {
    try (ChangeCounter changes = new ChangeCounter(client, cluster.adminClient(), cluster.namespace(), nodes)) {
      Crs.pool(cluster, "Auto", 0.10, "hysteresis: {minGainUsdPerHour: 0.2}");
      Crs.mining(client, "etc", 0.30);
      awaitRunning("miners", Pods::isMiner, 2);
      // Only now: from idle, AI's 0.38 USD/GPU-h would beat mining's 0.285; against running miners it is noise.
      Crs.ai(client, "llm", "Preemptible", 0, 1, 8, 0.45, 2);
      awaitQuiet();

      double toAi = measure("to-ai", changes, () -> setAiPrice("llm", 3.0),
          () -> countRunning(p -> !Pods.isMiner(p)) == 1 && countRunning(Pods::isMiner) == 1);
      double back = measure("back-to-mining", changes, () -> setAiPrice("llm", 0.01),
          () -> countRunning(Pods::isMiner) == 2 && running().size() == 2);

      assertThat(toAi).as("writes per changed object, shift to AI").isLessThanOrEqualTo(BOUND);
      assertThat(back).as("writes per changed object, shift back to mining").isLessThanOrEqualTo(BOUND);
    }
  }

  /** Runs one shift to quiet and returns writes (Events excluded) per changed object. */
  private double measure(String name, ChangeCounter changes, Runnable shift,
      java.util.concurrent.Callable<Boolean> done) {
    changes.reset();
    int logStart = operator.writeLog.size();
    shift.run();
    await(name).atMost(WAIT).until(done);
    awaitQuiet();
    List<String> log = operator.writeLog.subList(logStart, operator.writeLog.size());
    long events = log.stream().filter(w -> w.contains("/events")).count();
    long writes = log.size() - events;
    double ratio = (double) writes / changes.total();
    System.out.printf(Locale.ROOT, "WRITES %s: %d writes (+%d events) for %d changes (%s), ratio %.2f (%.2f with "
            + "events)%n  %s%n", name, writes, events, changes.total(), changes, ratio,
        (double) (writes + events) / changes.total(), String.join("\n  ", log));
    return ratio;
  }

  /** No write for 6 s (more than one tick of the in-process operator): the shift is over. */
  private void awaitQuiet() {
    for (int attempt = 0; attempt < 10; attempt++) {
      long before = operator.writes();
      try {
        await("quiet for 6 s").during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7))
            .until(() -> operator.writes() == before);
        return;
      } catch (org.awaitility.core.ConditionTimeoutException stillWriting) {
        // a write came in: start the quiet period again
      }
    }
    throw new AssertionError("the operator never went quiet: " + operator.writeLog);
  }

  private long countRunning(java.util.function.Predicate<io.fabric8.kubernetes.api.model.Pod> p) {
    return running().stream().filter(p).count();
  }

  private void setAiPrice(String name, double usd) {
    client.resources(AIWorkload.class).withName(name).patch(PatchContext.of(PatchType.JSON),
        "[{\"op\":\"replace\",\"path\":\"/spec/profiles/0/revenuePerGpuHour/value\",\"value\":" + usd + "}]");
  }
}
