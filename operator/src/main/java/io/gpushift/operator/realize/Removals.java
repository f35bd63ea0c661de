package io.gpushift.operator.realize;

import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.operator.Keys;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * How a pod the plan no longer wants leaves. Miners go at once (a miner loses nothing but its warm-up). AI replicas get
 * the checkpoint protocol, whose whole state lives in pod annotations so a restarted operator resumes it:
 * <ol>
 *   <li>the operator sets {@value Keys#CHECKPOINT_REQUESTED_AT} (RFC 3339) and emits a CheckpointRequested Event;</li>
 *   <li>the workload checkpoints and may set {@value Keys#CHECKPOINT_DONE} to any non-empty value to say it is safe;</li>
 *   <li>the operator deletes the pod on that acknowledgement or when the grace
 *       ({@value Keys#CHECKPOINT_GRACE_SECONDS}) has passed, whichever comes first.</li>
 * </ol>
 */
final class Removals {

  private Removals() {
  }

  /** @param workloadGrace the owning workload's current checkpoint grace, or {@code null} once it is gone */
  static void remove(Pod pod, Integer workloadGrace, String reason, Instant now, Map<String, NodeView> nodes,
      Steps steps) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (node != null && !nodes.containsKey(node) && Pods.terminating(pod)) {
      steps.deleteNow.add(new Steps.Removal(pod, "node " + node + " is gone", true)); // stuck terminating: finish it
      return;
    }
    if (Pods.protectedFromDisruption(pod)) {
      steps.waiting.add(pod.getMetadata().getName() + ": not removed, annotated " + Keys.DO_NOT_DISRUPT);
      return;
    }
    if (node != null && !nodes.containsKey(node)) {
      steps.deleteNow.add(new Steps.Removal(pod, "node " + node + " is gone", true));
      return;
    }
    if (Pods.isMiner(pod) || node == null) {
      steps.deleteNow.add(new Steps.Removal(pod, reason)); // nothing to checkpoint: a miner, or a pod not yet running
      return;
    }
    int grace = workloadGrace != null ? workloadGrace : graceSeconds(pod);
    String requested = Pods.annotation(pod, Keys.CHECKPOINT_REQUESTED_AT);
    Instant requestedAt = parse(requested);
    if (grace <= 0) {
      steps.deleteNow.add(new Steps.Removal(pod, reason));
    } else if (requestedAt == null) {
      steps.requestCheckpoint.add(new Steps.Removal(pod, reason));
      steps.wake(now.plusSeconds(grace));
    } else if (acknowledged(pod)) {
      steps.deleteNow.add(new Steps.Removal(pod, "checkpoint acknowledged; " + reason));
    } else if (!now.isBefore(requestedAt.plusSeconds(grace))) {
      steps.deleteNow.add(new Steps.Removal(pod, "checkpoint grace of " + grace + " s elapsed; " + reason));
    } else {
      steps.wake(requestedAt.plusSeconds(grace));
    }
  }

  static boolean acknowledged(Pod pod) {
    String done = Pods.annotation(pod, Keys.CHECKPOINT_DONE);
    return done != null && !done.isBlank();
  }

  private static int graceSeconds(Pod pod) {
    try {
      return Integer.parseInt(Pods.annotation(pod, Keys.CHECKPOINT_GRACE_SECONDS));
    } catch (NumberFormatException e) {
      return 0; // missing or garbage, and its workload is gone: nobody is left to promise a grace
    }
  }

  private static Instant parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH; // garbage counts as "requested long ago": the grace is over
    }
  }
}
