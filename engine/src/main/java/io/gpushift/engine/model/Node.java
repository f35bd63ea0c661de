package io.gpushift.engine.model;

import java.util.List;
import java.util.Map;

/**
 * A GPU node as the planner sees it.
 *
 * @param name          node name, also the deterministic tie-breaker
 * @param pool          the GPUNodePool it belongs to
 * @param gpuProduct    GPU Feature Discovery product, e.g. {@code NVIDIA-H100-80GB-HBM3}
 * @param gpuMemoryMiB  memory per GPU
 * @param gpuCount      GPUs on the node
 * @param schedulable   ready and not cordoned; when false the node is held as it is
 * @param assignments   current use (idle = the GPUs not listed)
 * @param pin           forced use, or {@code null}; see {@link #PIN_IDLE}
 * @param excluded      never touched by the planner (held as it is)
 * @param protectedGpus option id → GPUs held by do-not-disrupt pods; these never move
 */
public record Node(String name, String pool, String gpuProduct, int gpuMemoryMiB, int gpuCount, boolean schedulable,
                   List<Assignment> assignments, String pin, boolean excluded, Map<String, Integer> protectedGpus) {
    /** Pin value that forces every movable GPU of the node to idle. */
    public static final String PIN_IDLE = "idle";

    public Node {
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
        protectedGpus = protectedGpus == null ? Map.of() : Map.copyOf(protectedGpus);
    }

    /** A schedulable node with the given assignments, no pin, nothing protected. */
    public static Node of(String name, String pool, String product, int memoryMiB, int gpus, Assignment... current) {
        return new Node(name, pool, product, memoryMiB, gpus, true, List.of(current), null, false, Map.of());
    }

    public int assignedGpus() {
        int sum = 0; // a loop, not a stream: called for every node of every decision
        for (Assignment a : assignments) sum += a.gpus();
        return sum;
    }
}
