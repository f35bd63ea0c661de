package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.GPUNodePoolStatus;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.api.v1alpha1.Policy;
import io.gpushift.api.translate.EngineInputs.Translated;
import io.gpushift.engine.Snapshot;
import io.gpushift.engine.model.NodePool;
import io.gpushift.operator.Keys;
import io.gpushift.operator.OperatorSettings;
import io.gpushift.operator.decide.Decider;
import io.gpushift.operator.decide.Decision;
import io.gpushift.operator.decide.Outcomes;
import io.gpushift.operator.decide.PlanMapper;
import io.gpushift.operator.decide.Rollout;
import io.gpushift.operator.decide.Translate;
import io.gpushift.operator.gather.Gathered;
import io.gpushift.operator.gather.Gatherer;
import io.gpushift.operator.metrics.GpuShiftMetrics;
import io.gpushift.operator.model.DesiredState;
import io.gpushift.operator.realize.EventRecorder;
import io.gpushift.operator.realize.Realizer;
import io.gpushift.operator.realize.Steps;
import io.gpushift.operator.report.OptionStore;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The decision loop of one GPUNodePool, Karpenter-style: gather a snapshot from the informer caches, decide, realise,
 * report. Thin by design: every step lives in its own package and is unit-tested there.
 */
@ControllerConfiguration(name = "gpunodepool", fieldManager = Keys.FIELD_MANAGER)
public class GPUNodePoolReconciler implements Reconciler<GPUNodePool>, Cleaner<GPUNodePool> {

  private final Decider decider;
  private final GpuShiftMetrics metrics;
  private final OperatorSettings settings;
  private final MarketDataHook market;
  private final OptionStore store;
  private final PriorityClasses priorityClasses = new PriorityClasses();

  @jakarta.inject.Inject
  public GPUNodePoolReconciler(Decider decider, GpuShiftMetrics metrics, OperatorSettings settings,
      MarketDataHook market, OptionStore store) {
    this.decider = decider;
    this.metrics = metrics;
    this.settings = settings;
    this.market = market;
    this.store = store;
  }

  @Override
  public List<EventSource<?, GPUNodePool>> prepareEventSources(EventSourceContext<GPUNodePool> context) {
    return market.withPoolFeedEvents(context, PoolEventSources.create(context));
  }

  @Override
  public UpdateControl<GPUNodePool> reconcile(GPUNodePool pool, Context<GPUNodePool> context) {
    long started = System.nanoTime();
    Instant now = settings.clock().instant();
    String name = pool.getMetadata().getName();
    Policy.Mode mode = pool.getSpec().policy == null || pool.getSpec().policy.mode == null ? Policy.Mode.Auto
        : pool.getSpec().policy.mode;
    // A node another pool selects too and whose name sorts first is that pool's: not gathered here (see Overlaps).
    Map<String, String> claimed = Overlaps.claimedElsewhere(pool, context.getPrimaryCache().list().toList(),
        cache(context, Node.class));
    List<Node> nodes = cache(context, Node.class).stream()
        .filter(n -> !claimed.containsKey(n.getMetadata().getName())).toList();
    List<Pod> pods = cache(context, Pod.class);
    Map<String, MiningPool> mining = cache(context, MiningPool.class).stream()
        .filter(m -> m.getSpec() != null && m.getMetadata().getDeletionTimestamp() == null
            && Eligibility.allowedIn(m.getSpec().nodePools, name))
        .collect(Collectors.toMap(Translate::id, Function.identity(), (a, b) -> a));
    Gathered gathered = Gatherer.gather(name, pool.getSpec().nodeSelector, nodes, pods);
    List<Node> poolNodes = nodes.stream().filter(n -> gathered.views().containsKey(n.getMetadata().getName())).toList();
    Map<String, AIWorkload> ai = cache(context, AIWorkload.class).stream()
        .filter(w -> w.getSpec() != null && w.getMetadata().getDeletionTimestamp() == null
            && Eligibility.allowedIn(w.getSpec().nodePools, name))
        .filter(w -> Eligibility.fitsEveryNode(w, poolNodes))
        .collect(Collectors.toMap(Translate::id, Function.identity(), (a, b) -> a));
    List<String> problems = new ArrayList<>(gathered.problems());
    problems.addAll(Overlaps.problems(name, claimed));
    if (gathered.views().isEmpty() && claimed.isEmpty()) {
      problems.add(Gatherer.selectsNothing(name, pool.getSpec().nodeSelector));
    }
    Decision decision = null;
    Steps steps = null;
    Translate translate = market.translate();
    Translated<NodePool> electricity = null;
    try {
      electricity = translate.pool(pool);
    } catch (IllegalArgumentException e) { // a spec the schema cannot check (an unknown time zone): nothing is planned
      problems.add("GPUNodePool " + name + ": " + e.getMessage());
    }
    if (mode != Policy.Mode.Paused && electricity != null) {
      Map<String, List<io.fabric8.kubernetes.api.model.Toleration>> tolerations = poolNodes.stream()
          .collect(Collectors.toMap(n -> n.getMetadata().getName(), PlanMapper::tolerationsFor));
      var outdated = Rollout.outdated(name, gathered.poolPods(), ai, tolerations);
      Snapshot snapshot = new Snapshot(now, Rollout.hide(gathered.engineNodes(), outdated),
          List.of(MarketDataHook.holdIfStale(electricity)),
          mining.values().stream().map(m -> translate.mining(m).option()).toList(),
          ai.values().stream().map(w -> translate.ai(w).option()).toList());
      decision = decider.decide(snapshot); // timed by the decider (a reused decision is not an engine run)
      // Problems of this pool (or of an empty fleet); options report their own problems on their own status.
      problems.addAll(decision.problems().stream()
          .filter(p -> p.startsWith("GPUNodePool " + name + ":")
              || p.startsWith("Snapshot:") && !gathered.views().isEmpty()).toList()); // else said above
      if (mode == Policy.Mode.Auto) {
        priorityClasses.ensure(context.getClient());
        Set<String> frozen = gathered.engineNodes().stream().filter(n -> n.excluded())
            .map(io.gpushift.engine.model.Node::name).collect(Collectors.toSet());
        DesiredState desired = PlanMapper.map(pool, decision, mining, ai, frozen, tolerations);
        steps = new Realizer(context.getClient(), new EventRecorder(context.getClient(), settings.clock()),
            settings.clock()).realize(desired, gathered.poolPods(), gathered.views(), settings.settle());
        metrics.switched(name, "plan", steps.create.size());
      }
      store.publish(name, mode == Policy.Mode.Auto ? decision.outcomes() : Outcomes.unapplied(decision.outcomes()));
      metrics.economics(name, decision.revenueUsdPerHour(), decision.powerUsdPerHour(), decision.profitUsdPerHour());
    }
    GPUNodePoolStatus status = PoolStatus.build(pool, gathered.engineNodes(), mining.keySet(), decision, steps,
        mode.name(), problems, now);
    status.marketData = electricity == null ? null : market.report(pool, electricity, status.conditions,
        pool.getStatus() == null ? null : pool.getStatus().marketData);
    reportGpus(name, status);
    metrics.decision(name, Duration.ofNanos(System.nanoTime() - started));
    UpdateControl<GPUNodePool> control = PoolStatus.same(status, pool.getStatus()) ? UpdateControl.noUpdate()
        : UpdateControl.patchStatus(StatusOnly.of(pool, GPUNodePool::new, status));
    return control.rescheduleAfter(next(steps, now));
  }

  /** Deleting a pool removes our pods from it and releases our node labels; see {@link PoolTeardown}. */
  @Override
  public DeleteControl cleanup(GPUNodePool pool, Context<GPUNodePool> context) {
    // Nodes an overlapping pool plans keep their labels: they are that pool's, not this one's.
    List<Node> nodes = cache(context, Node.class);
    Map<String, String> claimed = pool.getSpec() == null ? Map.of()
        : Overlaps.claimedElsewhere(pool, context.getPrimaryCache().list().toList(), nodes);
    PoolTeardown.run(context.getClient(), pool.getMetadata().getName(), pool.getSpec() == null ? null
        : pool.getSpec().nodeSelector, cache(context, Pod.class),
        nodes.stream().filter(n -> !claimed.containsKey(n.getMetadata().getName())).toList(), store);
    return DeleteControl.defaultDelete();
  }

  private Duration next(Steps steps, Instant now) {
    Duration tick = settings.tick();
    if (steps != null && steps.wakeAt != null) {
      Duration until = Duration.between(now, steps.wakeAt).plusMillis(100);
      return until.isNegative() ? Duration.ofMillis(100) : until.compareTo(tick) < 0 ? until : tick;
    }
    return tick;
  }

  private void reportGpus(String pool, GPUNodePoolStatus status) {
    if (status.gpusByProduct == null) {
      return;
    }
    status.gpusByProduct.forEach((model, c) -> {
      metrics.gpus(pool, "mining", model, c.mining);
      metrics.gpus(pool, "ai", model, c.ai);
      metrics.gpus(pool, "idle", model, c.idle);
    });
  }

  @SuppressWarnings("unchecked")
  private static <R> List<R> cache(Context<GPUNodePool> context, Class<R> type) {
    var source = (InformerEventSource<?, GPUNodePool>) context.eventSourceRetriever().getEventSourceFor(type);
    return (List<R>) source.list().toList();
  }
}
