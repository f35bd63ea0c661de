package io.gpushift.operator.decide;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.gpushift.api.translate.EngineInputs;
import io.gpushift.api.translate.EngineInputs.Translated;
import io.gpushift.api.translate.FeedLookup;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.NodePool;
import io.gpushift.operator.market.FeedResolver;
import io.gpushift.operator.market.MarketFeeds;

/**
 * The operator's view of {@link EngineInputs}, the translation the quote calculator and the backtest use too, with
 * {@code feedRef}s resolved against the MarketFeeds (namespace defaulting to the referring object's). A value that is
 * not fresh marks its option not fresh, so the engine holds it; one never received is NaN, which the engine's
 * validation reports on the right object and never plans from.
 */
public final class Translate {

  /** Without feeds: every feedRef is unavailable (unit tests, tools). */
  public static final Translate NO_FEEDS = new Translate(null);
  private final MarketFeeds feeds;

  public Translate(MarketFeeds feeds) {
    this.feeds = feeds;
  }

  public static String id(HasMetadata r) {
    return EngineInputs.id(r);
  }

  public Translated<NodePool> pool(GPUNodePool p) {
    return inputs(null).poolWithInputs(p);
  }

  public Translated<MiningOption> mining(MiningPool m) {
    return inputs(m.getMetadata().getNamespace()).mining(m);
  }

  public Translated<AiOption> ai(AIWorkload w) {
    return inputs(w.getMetadata().getNamespace()).ai(w);
  }

  private EngineInputs inputs(String namespace) {
    return new EngineInputs(feeds == null ? FeedLookup.NONE : new FeedResolver(feeds, namespace));
  }
}
