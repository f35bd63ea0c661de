package io.gpushift.api.v1alpha1;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Keeps a status' condition list the way metav1 conventions require. */
public final class Conditions {

  private Conditions() {
  }

  /**
   * Puts {@code desired} into {@code conditions}, replacing the condition of the same type. lastTransitionTime is set to
   * {@code now} only when the status actually flips (or the type is new): watchers use it to tell how long a state has
   * lasted, so rewriting it on every reconcile would make "Ready for 3 days" read "Ready for 2 seconds".
   *
   * @return true when anything visible changed, so callers can skip a no-op status update
   */
  public static boolean set(List<Condition> conditions, Condition desired, Instant now) {
    Objects.requireNonNull(desired.type, "condition type");
    Optional<Condition> existing = find(conditions, desired.type);
    String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
    if (existing.isEmpty()) {
      desired.lastTransitionTime = stamp;
      conditions.add(desired);
      return true;
    }
    Condition current = existing.get();
    boolean flipped = current.status != desired.status;
    boolean changed = flipped
        || !Objects.equals(current.reason, desired.reason)
        || !Objects.equals(current.message, desired.message)
        || !Objects.equals(current.observedGeneration, desired.observedGeneration);
    if (flipped || current.lastTransitionTime == null) {
      current.lastTransitionTime = stamp;
    }
    current.status = desired.status;
    current.reason = desired.reason;
    current.message = desired.message;
    current.observedGeneration = desired.observedGeneration;
    return changed;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.type)).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> c.status == ConditionStatus.True).orElse(false);
  }
}
