package io.gpushift.engine;

import io.gpushift.engine.economics.LedgerEntry;
import io.gpushift.engine.explain.Change;
import io.gpushift.engine.explain.Held;
import io.gpushift.engine.explain.Unmet;
import io.gpushift.engine.validation.Finding;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The engine's answer. Node order is by name; everything is deterministic for the same snapshot.
 *
 * @param decidedAt  the decision time
 * @param nodes      per node the GPUs per option after the plan (idle GPUs are not listed)
 * @param placements per option (mining and AI) its GPUs, and for AI the node of every replica
 * @param changes    every move with its numbers
 * @param held       tempting moves not made, with the reason
 * @param unmet      AI workloads below minReplicas
 * @param findings   bad input; objects with an ERROR hold their current GPUs
 * @param ledger     USD per GPU-hour of every option on every (pool, product), at the decision time's tariff
 * @param summary    totals and the optimality bound
 */
public record Plan(Instant decidedAt, List<NodePlan> nodes, List<Placement> placements, List<Change> changes,
                   List<Held> held, List<Unmet> unmet, List<Finding> findings, List<LedgerEntry> ledger,
                   Summary summary) {

    /**
     * @param heldReason why the node was not planned ({@code null} when it was)
     */
    public record NodePlan(String node, String pool, String gpuProduct, Map<String, Integer> gpus, boolean changed,
                           String heldReason) {
    }

    /**
     * @param replicaNodes for AI, one node name per replica (sorted); empty for mining
     */
    public record Placement(String option, LedgerEntry.Kind kind, int gpus, int replicas, List<String> replicaNodes) {
    }

    /**
     * @param objectiveUsd    what the planner maximised: horizon profit minus switch costs and hysteresis margins
     *                        of the planned GPUs (guarantee and pin bonuses excluded)
     * @param upperBoundUsd   no plan can do better than this (Lagrangian bound), same terms
     * @param provenOptimal   the plan is optimal (bound met or exhaustive search finished)
     * @param revenueUsdPerHour fleet totals of the planned state at the decision time's tariff
     * @param gpusMoved       GPUs whose use changes
     * @param gpusDisrupted   GPUs taken from running work (what the disruption budget counts)
     */
    public record Summary(double objectiveUsd, double upperBoundUsd, boolean provenOptimal, double revenueUsdPerHour,
                          double powerUsdPerHour, double profitUsdPerHour, int gpusMoved, int gpusDisrupted) {
    }

    /** GPUs per option on a node after the plan; empty map when unknown. */
    public Map<String, Integer> gpusOn(String node) {
        return nodes.stream().filter(n -> n.node().equals(node)).findFirst().map(NodePlan::gpus).orElse(Map.of());
    }
}
