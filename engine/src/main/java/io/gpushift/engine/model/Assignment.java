package io.gpushift.engine.model;

import java.time.Instant;

/**
 * GPUs of one node currently given to one option.
 *
 * @param optionId the mining or AI option id ({@code namespace/name}); idle GPUs are simply not assigned
 * @param gpus     number of GPUs; for an AI option a multiple of its gpusPerReplica (one entry per node and option)
 * @param since    when these GPUs started on this option; the minimum dwell time counts from here
 */
public record Assignment(String optionId, int gpus, Instant since) {
}
