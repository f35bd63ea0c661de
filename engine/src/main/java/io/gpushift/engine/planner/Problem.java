package io.gpushift.engine.planner;

import io.gpushift.engine.model.AiOption;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.economics.Ledger;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.model.WorkOption;
import io.gpushift.engine.validation.Finding;
import io.gpushift.engine.validation.Validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimisation problem in indexed form. Options are numbered with idle = 0. Units: GPUs for mining, replicas
 * for AI. Objective: sum over classes of the entry values, plus {@link #bonus} per GUARANTEED replica up to
 * minReplicas (a large constant, so meeting contracts comes before any profit).
 */
final class Problem {
    /** Bonus per guaranteed replica up to min: far above any horizon profit of one replica. */
    static final double GUARANTEE_BONUS = 1e7;
    /** Per-GPU bonus for a pinned use: a pin is an order, not a suggestion. */
    static final double PIN_BONUS = 1e6;
    /** USD per moved GPU: among equally profitable plans the one with least churn wins. */
    static final double CHURN_EPSILON = 1e-4;
    static final int UNLIMITED = Integer.MAX_VALUE / 4;

    final Snapshot snapshot;
    final Validation validation;
    final Ledger ledger;
    final Instant now;
    final List<Finding> findings = new ArrayList<>();

    final List<WorkOption> options = new ArrayList<>(); // index i+1
    final Map<String, Integer> optionIndex = new HashMap<>();
    int[] unitGpus;
    int[] cap;
    int[] min;
    double[] bonus;
    int[] fixedUnits;
    /** Options running more units than their cap right now. */
    boolean[] overCap;
    /** GUARANTEED options running below minReplicas: minimum dwell does not hold GPUs on nodes that could host them. */
    final List<AiOption> unmetGuarantees = new ArrayList<>();

    final List<NodePool> pools = new ArrayList<>();
    final Map<String, Integer> poolIndex = new HashMap<>();
    int[] budget;

    final List<NodeClass> classes = new ArrayList<>();
    /** Nodes left as they are, with the reason. */
    final Map<Node, String> heldNodes = new LinkedHashMap<>();

    Problem(Snapshot snapshot, Validation validation, Ledger ledger, Instant now) {
        this.snapshot = snapshot;
        this.validation = validation;
        this.ledger = ledger;
        this.now = now;
    }

    int optionCount() {
        return options.size() + 1;
    }

    String optionId(int o) {
        return o == 0 ? "idle" : options.get(o - 1).id();
    }

    WorkOption option(int o) {
        return o == 0 ? null : options.get(o - 1);
    }
}
