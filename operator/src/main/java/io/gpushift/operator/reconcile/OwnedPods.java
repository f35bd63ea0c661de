package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.ConditionStatus;
import io.gpushift.engine.validation.Finding;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.operator.Keys;
import io.gpushift.operator.gather.Slim;
import io.gpushift.operator.realize.Pods;
import io.gpushift.operator.report.OptionStore;
import io.gpushift.operator.report.OutcomeEvents;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Shared by the MiningPool and AIWorkload reconcilers: their pods, and a Ready condition from validation and pods. */
public final class OwnedPods {

  private OwnedPods() {
  }

  /**
   * Everything that wakes a MiningPool or AIWorkload reconciler: its own pods, a changed outcome in the pool loops'
   * plans, and a confirmed change of a feed it is priced with. The two controllers build the same list.
   */
  public static <P extends HasMetadata> List<EventSource<?, P>> eventSources(EventSourceContext<P> context,
      Class<P> owner, OptionStore store, MarketDataHook market) {
    List<EventSource<?, P>> sources = new ArrayList<>(source(context, owner));
    sources.add(OutcomeEvents.source(store, AIWorkload.class.equals(owner), () -> context.getPrimaryCache().list()));
    return market.withFeedEvents(context, sources);
  }

  static <P extends HasMetadata> List<EventSource<?, P>> source(EventSourceContext<P> context, Class<P> owner) {
    // Only this owner kind's pods (miners or AI replicas): each controller's cache then holds its own share, not a
    // second copy of every pod the operator made (the scale benchmark found the heap full at 1,000 nodes).
    String kind = MiningPool.class.equals(owner) ? "miner" : "ai";
    return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, owner)
        .withLabelSelector(Keys.MANAGED_BY + "=" + Keys.MANAGED_BY_VALUE + "," + Keys.KIND + "=" + kind)
        .withItemStore(Slim.store(Slim::pod)) // phase, container states, GPUs and owner: what these reconcilers read
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(owner))
        .build(), context));
  }

  public static int runningGpus(Collection<Pod> pods) {
    return pods.stream().filter(OwnedPods::running).mapToInt(Pods::gpus).sum();
  }

  public static boolean running(Pod p) {
    return !Pods.terminating(p) && p.getStatus() != null && "Running".equals(p.getStatus().getPhase());
  }

  /** Ready=False naming the first invalid field; else True when every pod runs, False while some are starting. */
  public static Condition ready(HasMetadata owner, List<Finding> errors, Collection<Pod> pods) {
    Condition c = new Condition();
    c.type = "Ready";
    c.observedGeneration = owner.getMetadata().getGeneration();
    long live = pods.stream().filter(p -> !Pods.terminating(p)).count();
    long running = pods.stream().filter(OwnedPods::running).count();
    if (!errors.isEmpty()) {
      c.status = ConditionStatus.False;
      c.reason = "InvalidSpec";
      c.message = String.join("; ", errors.stream().map(Finding::message).toList());
    } else if (running < live) {
      c.status = ConditionStatus.False;
      c.reason = "Starting";
      c.message = running + " of " + live + " pod(s) running";
    } else {
      c.status = ConditionStatus.True;
      c.reason = live == 0 ? "NoGpusAssigned" : "Running";
      c.message = live == 0 ? "valid; no GPUs are given to it at current prices" : running + " pod(s) running";
    }
    return c;
  }
}
