package io.gpushift.operator.decide;

import io.gpushift.engine.Snapshot;

/** The seam between the operator and the planner; the reconciler does not care which planner answers. */
public interface Decider {

  /** Decides for the one pool in {@code snapshot.pools()}. Must be deterministic and must not block on I/O. */
  Decision decide(Snapshot snapshot);
}
