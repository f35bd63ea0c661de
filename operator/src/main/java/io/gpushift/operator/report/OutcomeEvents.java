package io.gpushift.operator.report;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;

/** Wakes a MiningPool or AIWorkload reconciler when a pool loop publishes a changed outcome for that object. */
public final class OutcomeEvents {

  private OutcomeEvents() {
  }

  /** @param ai true for the AIWorkload reconciler, false for the MiningPool one */
  public static <P extends HasMetadata> EventSource<Void, P> source(OptionStore store, boolean ai) {
    SimpleInboundEventSource<P> source = new SimpleInboundEventSource<>("plan-outcomes");
    store.onChange((id, isAi) -> {
      int slash = id.indexOf('/');
      if (isAi == ai && slash > 0) {
        source.propagateEvent(new ResourceID(id.substring(slash + 1), id.substring(0, slash)));
      }
    });
    return source;
  }
}
