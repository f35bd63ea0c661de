package io.gpushift.operator.decide;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.gpushift.api.translate.EngineInputs;
import io.gpushift.api.translate.FeedLookup;
import io.gpushift.api.v1alpha1.AIWorkload;
import io.gpushift.api.v1alpha1.GPUNodePool;
import io.gpushift.api.v1alpha1.MiningPool;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.NodePool;

/**
 * The operator's view of {@link EngineInputs}, the translation the quote calculator and the backtest use too. Market
 * feeds are not wired into the operator yet, so every {@code feedRef} resolves as unavailable: the option is marked not
 * fresh and its NaN value is reported by the engine's validation on the right object, never planned from.
 */
public final class Translate {
  private static final EngineInputs INPUTS = new EngineInputs(FeedLookup.NONE);

  private Translate() {
  }

  public static String id(HasMetadata r) {
    return EngineInputs.id(r);
  }

  public static NodePool pool(GPUNodePool p) {
    return INPUTS.pool(p);
  }

  public static MiningOption mining(MiningPool m) {
    return INPUTS.mining(m).option();
  }

  public static AiOption ai(AIWorkload w) {
    return INPUTS.ai(w).option();
  }
}
