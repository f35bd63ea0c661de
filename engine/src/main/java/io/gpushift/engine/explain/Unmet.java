package io.gpushift.engine.explain;

/**
 * An AI workload below its minimum replicas after this plan.
 *
 * @param option     AIWorkload id
 * @param guaranteed true for a GUARANTEED contract (a breach), false for a PREEMPTIBLE minimum (informational)
 * @param wanted     minReplicas
 * @param placed     replicas in the plan
 * @param reason     why, for humans
 */
public record Unmet(String option, boolean guaranteed, int wanted, int placed, String reason) {
}
