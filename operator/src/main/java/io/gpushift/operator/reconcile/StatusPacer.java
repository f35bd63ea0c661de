package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.Conditions;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * When a MiningPool's or AIWorkload's new status is written. A settled status is written at once. A status that the
 * next pool pass or the next pod events usually replace is held: replicas starting (Ready {@code Starting} or
 * {@code Scaling}) and no share in any plan yet ({@code NoPoolInReach}: what a new object shows until the pool loop's
 * next pass). It is written only once it has been pending for the interval, then at most once per interval, with a
 * pass scheduled for when it is due, so the last state always lands. A shift whose replicas start within the interval
 * thus writes one status per object, the settled one; before, status was rewritten as each replica started (the scale
 * benchmark counted 354 AIWorkload status patches for 50 workloads in one cold start). One pacer per controller.
 */
public final class StatusPacer {

  private static final Set<String> HELD = Set.of("Starting", "Scaling", "NoPoolInReach");
  private final Duration interval;
  private final Clock clock;
  /** Per object, since when a held status waits (or when the last one was written). */
  private final Map<ResourceID, Instant> waiting = new ConcurrentHashMap<>();

  public StatusPacer(Duration interval, Clock clock) {
    this.interval = interval;
    this.clock = clock;
  }

  /**
   * @param before     the status in the cluster ({@code null} when none)
   * @param after      the status this pass computed
   * @param conditions {@code after}'s conditions
   * @param patch      the object to patch status with, built only when writing
   */
  public <P extends HasMetadata> UpdateControl<P> control(P primary, Object before, Object after,
      List<Condition> conditions, Supplier<P> patch) {
    ResourceID id = ResourceID.fromResource(primary);
    if (before != null && Serialization.jsonMapper().valueToTree(before)
        .equals(Serialization.jsonMapper().valueToTree(after))) {
      if (!held(conditions)) {
        waiting.remove(id);
      }
      return UpdateControl.noUpdate();
    }
    if (!held(conditions)) {
      waiting.remove(id);
      return UpdateControl.patchStatus(patch.get());
    }
    Instant now = clock.instant();
    // Entries of objects deleted mid-transition would stay: drop any older than ten intervals (such an old entry, kept,
    // would only make a write due at once; dropped, it waits one interval).
    waiting.values().removeIf(t -> t.plus(interval.multipliedBy(10)).isBefore(now));
    Instant due = waiting.computeIfAbsent(id, k -> now).plus(interval);
    if (now.isBefore(due)) {
      return UpdateControl.<P>noUpdate().rescheduleAfter(Duration.between(now, due));
    }
    waiting.put(id, now); // the next held write is due an interval from now
    return UpdateControl.patchStatus(patch.get());
  }

  private static boolean held(List<Condition> conditions) {
    return Conditions.find(conditions, "Ready").map(c -> HELD.contains(c.reason)).orElse(false);
  }
}
