package io.gpushift.engine.model;

/** A use GPUs can be given to besides idle: a mining pool or an AI workload. */
public sealed interface WorkOption permits MiningOption, AiOption {
    /** {@code namespace/name} of the custom resource; unique across all options. */
    String id();

    /** GPUs one unit of this option takes on one node (1 for mining, gpusPerReplica for AI). */
    int gpusPerUnit();

    /** False when its market data is stale: the planner then neither adds nor removes its GPUs. */
    boolean marketDataFresh();
}
