package io.gpushift.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.gpushift.api.translate.EngineInputs.Translated;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.Condition;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.engine.model.Mode;
import io.gpushift.engine.model.NodePool;
import io.gpushift.api.v1alpha1.Conditions;
import io.gpushift.api.v1alpha1.MarketDataValue;
import io.gpushift.operator.decide.Translate;
import io.gpushift.operator.market.FeedRefs;
import io.gpushift.operator.market.MarketFeeds;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a MiningPool or AIWorkload reconciler needs from market data, in one object so their own code changes by a few
 * lines: the translation with feeds resolved, an event source that reconciles them when a feed they use is refreshed,
 * and the {@code MarketDataFresh} condition plus {@code status.marketData}.
 */
public final class MarketDataHook {

  /** Without feeds (unit tests): every feedRef is unavailable and no feed events come. */
  public static final MarketDataHook NONE = new MarketDataHook(null, Clock.systemUTC());
  private final MarketFeeds feeds;
  private final Translate translate;
  private final Clock clock;

  public MarketDataHook(MarketFeeds feeds, Clock clock) {
    this.feeds = feeds;
    this.translate = new Translate(feeds);
    this.clock = clock;
  }

  public Translate translate() {
    return translate;
  }

  /**
   * {@code others} plus a source reconciling every primary whose spec refers to a feed whose published value, freshness
   * or availability changed. A mere refresh changes nothing they write: status keeps observation times until something
   * else changes (see {@link #report}).
   */
  public <P extends HasMetadata> List<EventSource<?, P>> withFeedEvents(EventSourceContext<P> context,
      List<EventSource<?, P>> others) {
    List<EventSource<?, P>> all = new ArrayList<>(others);
    if (feeds != null) {
      all.add(new FeedEventSource<P>(feeds, true, (ns, name) -> context.getPrimaryCache().list()
          .filter(p -> FeedRefs.refersTo(p, ns, name)).map(ResourceID::fromResource).collect(Collectors.toSet())));
    }
    return all;
  }

  /**
   * {@code others} (the pool loop's informers) plus a source reconciling, when a feed's published value or freshness
   * changes, the pools that price with it: through their electricity, or through a MiningPool or AIWorkload that may
   * run on them.
   */
  public List<EventSource<?, GPUNodePool>> withPoolFeedEvents(EventSourceContext<GPUNodePool> context,
      List<EventSource<?, GPUNodePool>> others) {
    List<EventSource<?, GPUNodePool>> all = new ArrayList<>(others);
    if (feeds == null) return all;
    all.add(new FeedEventSource<GPUNodePool>(feeds, true, (ns, name) -> {
      List<GPUNodePool> pools = context.getPrimaryCache().list().toList();
      Set<ResourceID> out = new HashSet<>();
      for (GPUNodePool p : pools) {
        if (FeedRefs.refersTo(p, ns, name)) out.add(ResourceID.fromResource(p));
      }
      for (MiningPool m : PoolFeedUsers.list(others, MiningPool.class)) {
        if (!FeedRefs.refersTo(m, ns, name)) continue;
        List<String> allowed = m.getSpec() == null ? null : m.getSpec().nodePools;
        pools.stream().filter(p -> allowed == null || allowed.isEmpty() || allowed.contains(p.getMetadata().getName()))
            .forEach(p -> out.add(ResourceID.fromResource(p)));
      }
      if (PoolFeedUsers.list(others, AIWorkload.class).stream().anyMatch(w -> FeedRefs.refersTo(w, ns, name))) {
        pools.forEach(p -> out.add(ResourceID.fromResource(p)));
      }
      return out;
    }));
    return all;
  }

  /**
   * The pool as the engine should see it: when its electricity price is not fresh, PAUSED, so every GPU holds (the
   * documented fallback: stale data never moves capacity) and the condition says why.
   */
  public static NodePool holdIfStale(Translated<NodePool> pool) {
    NodePool p = pool.option();
    if (pool.staleReasons().isEmpty()) return p;
    return new NodePool(p.name(), p.tariff(), p.pue(), p.idleWatts(), p.horizon(), p.hysteresis(), p.minDwell(),
        p.disruptionBudget(), Mode.PAUSED, p.allowLoss());
  }

  /**
   * Sets {@code MarketDataFresh} in {@code conditions}; returns the value for {@code status.marketData}, keeping the
   * observation times of {@code before} (the status as it is) where nothing else changed, so a refresh that observes
   * the same values writes nothing.
   */
  public List<MarketDataValue> report(HasMetadata object, Translated<?> translated, List<Condition> conditions,
      List<MarketDataValue> before) {
    String ns = object.getMetadata().getNamespace();
    Conditions.set(conditions, MarketDataCondition.of(translated, object.getMetadata().getGeneration(), ns),
        clock.instant());
    return MarketDataCondition.values(translated, ns, before);
  }
}
