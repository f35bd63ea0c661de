package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.AIWorkloadStatus;
import io.gpushift.api.v1alpha1.Conditions;
import io.gpushift.engine.Snapshot;
import io.gpushift.operator.Keys;
import io.gpushift.operator.OperatorSettings;
import io.gpushift.operator.decide.Translate;
import io.gpushift.operator.report.AiReport;
import io.gpushift.operator.report.OptionStore;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An AIWorkload's own status: validity (Ready=False naming the field), running replicas and their GPUs, and what the pool
 * loops' plans give it (from the {@link OptionStore}, see {@link AiReport}): desired replicas, economics, Admitted and
 * Preempted. The pool loops never write this object, so it has one status writer.
 */
@ControllerConfiguration(name = "aiworkload", fieldManager = Keys.FIELD_MANAGER)
public class AIWorkloadReconciler implements Reconciler<AIWorkload> {

  private final MarketDataHook market;
  private final OptionStore store;
  private final StatusPacer pacer;

  @jakarta.inject.Inject
  public AIWorkloadReconciler(MarketDataHook market, OptionStore store, OperatorSettings settings) {
    this.market = market;
    this.store = store;
    this.pacer = new StatusPacer(settings.statusProgress(), settings.clock());
  }

  @Override
  public List<EventSource<?, AIWorkload>> prepareEventSources(EventSourceContext<AIWorkload> context) {
    return OwnedPods.eventSources(context, AIWorkload.class, store, market);
  }

  @Override
  public UpdateControl<AIWorkload> reconcile(AIWorkload w, Context<AIWorkload> context) {
    Set<Pod> pods = context.getSecondaryResources(Pod.class);
    String object = "AIWorkload " + Translate.id(w);
    var translated = market.translate().ai(w);
    var option = translated.option();
    // Products the workload itself names count as known: a typo is caught by the pool loop, which sees the fleet.
    Set<String> known = new HashSet<>(option.allowedProducts());
    known.addAll(option.revenuePerGpuHour().keySet());
    SpecCheck check = SpecCheck.of(new Snapshot(Instant.now(), List.of(), List.of(), List.of(), List.of(option),
        known), object, translated);
    AIWorkloadStatus old = w.getStatus();
    AIWorkloadStatus s = new AIWorkloadStatus();
    s.observedGeneration = w.getMetadata().getGeneration();
    s.runningReplicas = (int) pods.stream().filter(OwnedPods::running).count();
    s.gpus = OwnedPods.runningGpus(pods);
    s.conditions = old == null || old.conditions == null ? new ArrayList<>() : Serialization.clone(old).conditions;
    Conditions.set(s.conditions, check.ready(w, () -> AiReport.ready(w, check.errors(), pods, store)),
        Instant.now());
    AiReport.fill(s, w, store, old, Instant.now());
    s.marketData = market.report(w, translated, s.conditions, old == null ? null : old.marketData);
    return pacer.control(w, old, s, s.conditions, () -> StatusOnly.of(w, AIWorkload::new, s));
  }
}
