package io.gpushift.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * When a MiningPool's or AIWorkload's new status is written. A change a user acts on (desired replicas, economics, a
 * condition's status or reason, validity, market data) is written at once. Progress alone (running replicas and GPUs,
 * the counts in a {@code Starting}/{@code Scaling}/{@code Running} message) is written at most once per interval per
 * object, and a pass is scheduled for the end of the interval, so the last state always lands. Before, progress was
 * written as each replica started: the scale benchmark counted 354 AIWorkload status patches for 50 workloads in one
 * cold start. One pacer per controller (object ids are per kind).
 */
public final class StatusPacer {

  private static final Set<String> PROGRESS_FIELDS = Set.of("runningReplicas", "gpus");
  private static final Set<String> PROGRESS_REASONS = Set.of("Starting", "Scaling", "Running");
  private final Duration interval;
  private final Clock clock;
  private final Map<ResourceID, Instant> lastWrite = new ConcurrentHashMap<>();

  public StatusPacer(Duration interval, Clock clock) {
    this.interval = interval;
    this.clock = clock;
  }

  /**
   * @param before the status in the cluster ({@code null} when none)
   * @param after  the status this pass computed
   * @param patch  the object to patch status with, built only when writing
   */
  public <P extends HasMetadata> UpdateControl<P> control(P primary, Object before, Object after, Supplier<P> patch) {
    JsonNode old = before == null ? null : Serialization.jsonMapper().valueToTree(before);
    JsonNode now = Serialization.jsonMapper().valueToTree(after);
    if (now.equals(old)) {
      return UpdateControl.noUpdate();
    }
    ResourceID id = ResourceID.fromResource(primary);
    Instant at = clock.instant();
    lastWrite.values().removeIf(t -> !t.plus(interval).isAfter(at)); // older entries no longer hold anything back
    Instant last = lastWrite.get(id);
    if (old != null && last != null && Objects.equals(significant(old), significant(now))) {
      return UpdateControl.<P>noUpdate().rescheduleAfter(Duration.between(at, last.plus(interval)));
    }
    lastWrite.put(id, at);
    return UpdateControl.patchStatus(patch.get());
  }

  /** The status without its progress: what a user needs to see at once when it changes. */
  static JsonNode significant(JsonNode status) {
    ObjectNode copy = status.deepCopy();
    copy.remove(PROGRESS_FIELDS);
    JsonNode conditions = copy.get("conditions");
    if (conditions != null) {
      conditions.forEach(c -> {
        if ("Ready".equals(c.path("type").asText()) && PROGRESS_REASONS.contains(c.path("reason").asText())) {
          ((ObjectNode) c).remove("message");
        }
      });
    }
    return copy;
  }
}
