package io.gpushift.operator.report;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Wakes a MiningPool or AIWorkload reconciler when a pool loop publishes a changed outcome for that object, and wakes
 * every one of them when the first pool decides (an object that no pool considers has no outcome to change; before,
 * one reconciled just before the first decision kept a status without {@code NoPoolInReach} until the next resync).
 */
public final class OutcomeEvents {

  private OutcomeEvents() {
  }

  /**
   * @param ai        true for the AIWorkload reconciler, false for the MiningPool one
   * @param primaries the controller's cached objects of its kind
   */
  public static <P extends HasMetadata> EventSource<Void, P> source(OptionStore store, boolean ai,
      Supplier<Stream<P>> primaries) {
    SimpleInboundEventSource<P> source = new SimpleInboundEventSource<>("plan-outcomes");
    store.onFirstDecision(() -> primaries.get().forEach(p -> source.propagateEvent(ResourceID.fromResource(p))));
    store.onChange((id, isAi) -> {
      int slash = id.indexOf('/');
      if (isAi == ai && slash > 0) {
        source.propagateEvent(new ResourceID(id.substring(slash + 1), id.substring(0, slash)));
      }
    });
    return source;
  }
}
