package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.Conditions;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.api.v1alpha1.MiningPoolStatus;
import io.gpushift.engine.Snapshot;
import io.gpushift.operator.Keys;
import io.gpushift.operator.OperatorSettings;
import io.gpushift.operator.decide.Translate;
import io.gpushift.operator.report.MiningReport;
import io.gpushift.operator.report.OptionStore;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A MiningPool's own status: is it valid (Ready=False naming the field when not), how many GPUs mine for it, and what
 * the pool loops' plans give it and earn (read from the {@link OptionStore}, see {@link MiningReport}). The pool loops
 * never write this object, so it has one status writer.
 */
@ControllerConfiguration(name = "miningpool", fieldManager = Keys.FIELD_MANAGER)
public class MiningPoolReconciler implements Reconciler<MiningPool> {

  private final MarketDataHook market;
  private final OptionStore store;
  private final StatusPacer pacer;

  @jakarta.inject.Inject
  public MiningPoolReconciler(MarketDataHook market, OptionStore store, OperatorSettings settings) {
    this.market = market;
    this.store = store;
    this.pacer = new StatusPacer(settings.statusProgress(), settings.clock());
  }

  @Override
  public List<EventSource<?, MiningPool>> prepareEventSources(EventSourceContext<MiningPool> context) {
    return OwnedPods.eventSources(context, MiningPool.class, store, market);
  }

  @Override
  public UpdateControl<MiningPool> reconcile(MiningPool mp, Context<MiningPool> context) {
    Set<Pod> pods = context.getSecondaryResources(Pod.class);
    String object = "MiningPool " + Translate.id(mp);
    var translated = market.translate().mining(mp);
    SpecCheck check = SpecCheck.of(new Snapshot(Instant.now(), List.of(), List.of(), List.of(translated.option()),
        List.of()), object, translated);
    MiningPoolStatus old = mp.getStatus();
    MiningPoolStatus s = new MiningPoolStatus();
    s.observedGeneration = mp.getMetadata().getGeneration();
    s.gpus = OwnedPods.runningGpus(pods);
    s.conditions = old == null || old.conditions == null ? new ArrayList<>() : Serialization.clone(old).conditions;
    Conditions.set(s.conditions, check.ready(mp, () -> MiningReport.ready(mp, check.errors(), pods, store)),
        Instant.now());
    MiningReport.fill(s, mp, translated.option(), store, old, Instant.now());
    s.marketData = market.report(mp, translated, s.conditions, old == null ? null : old.marketData);
    return pacer.control(mp, old, s, s.conditions, () -> StatusOnly.of(mp, MiningPool::new, s));
  }
}
