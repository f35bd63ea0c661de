package io.gpushift.operator.model;

import java.util.Locale;

/** The value of the node label gpushift.io/use. */
public enum NodeUse {
  MINING, AI, IDLE, MIXED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Derives the use from what a node will run; MIXED when it runs both. */
  public static NodeUse of(int minerGpus, int aiGpus) {
    if (minerGpus > 0 && aiGpus > 0) {
      return MIXED;
    }
    if (minerGpus > 0) {
      return MINING;
    }
    return aiGpus > 0 ? AI : IDLE;
  }
}
