package io.gpushift.operator.model;

/** What a GPU pod the operator owns is doing. */
public enum WorkKind {
  MINER, AI
}
