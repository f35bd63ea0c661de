package io.gpushift.engine.planner;

import io.gpushift.engine.model.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Nodes the planner cannot tell apart: same pool, product, memory, movable GPUs, current use, fixed part and pin.
 * The optimisation runs per class and the result is expanded to nodes in name order.
 * Per entry (an option the class may use, idle first) values are per GPU in USD over the pool's horizon.
 */
final class NodeClass {
    final int index;
    final int pool;
    final String product;
    /** GPUs the planner may move on each node (count minus fixed GPUs). */
    final int free;
    /** GPUs held on each node per option id (dwell, protection, guaranteed, stale/invalid, unknown). */
    final Map<String, Integer> fixed;
    final String pin;
    final List<Node> nodes = new ArrayList<>();

    int[] opt;        // option index per entry; entry 0 is idle
    int[] cur;        // GPUs currently on the entry (movable part)
    int[] maxUnits;   // most units per node (0 = must leave: e.g. mining that now runs at a loss)
    double[] value;   // horizon profit per GPU (+ pin bonus)
    double[] start;   // switch-in cost per GPU
    double[] leave;   // switch-out cost + hysteresis margin + churn tie-breaker per GPU
    boolean[] exempt; // leaving does not count against the disruption budget (must-leave)
    /** Ledger entry (horizon tariff) per entry, looked up once. */
    io.gpushift.engine.economics.LedgerEntry[] ledger;
    /** Entries (not idle, not current) by replica size: {@code bySize[k]} lists entries whose unit is k GPUs. */
    int[][] bySize;
    /** Explainer's runner-up per entry (computed on first use). */
    int[] runnerUp;
    /** GPUs that may leave running work (counted by the disruption budget). */
    int movable;

    NodeClass(int index, int pool, String product, int free, Map<String, Integer> fixed, String pin) {
        this.index = index;
        this.pool = pool;
        this.product = product;
        this.free = free;
        this.fixed = fixed;
        this.pin = pin;
    }

    private double[] unitBase;
    private int[] currentEntries, entryByOption;

    /** Idle and the entries with GPUs on them now (always candidates of the node DP). */
    int[] currentEntries() {
        if (currentEntries == null) {
            int n = 0;
            for (int e = 0; e < opt.length; e++) if (e == 0 || cur[e] > 0) n++;
            currentEntries = new int[n];
            n = 0;
            for (int e = 0; e < opt.length; e++) if (e == 0 || cur[e] > 0) currentEntries[n++] = e;
        }
        return currentEntries;
    }

    /** Entry of an option, or -1 (constant time). */
    int entryOfOption(int o, int optionCount) {
        if (entryByOption == null) {
            entryByOption = new int[optionCount];
            java.util.Arrays.fill(entryByOption, -1);
            for (int e = 0; e < opt.length; e++) entryByOption[opt[e]] = e;
        }
        return entryByOption[o];
    }

    /** Per entry: value of one more unit started on a node, before prices (replica GPUs × (value − switch-in)). */
    double[] unitBase(Problem p) {
        if (unitBase == null) {
            unitBase = new double[opt.length];
            for (int e = 0; e < opt.length; e++) unitBase[e] = p.unitGpus[opt[e]] * (value[e] - start[e]);
        }
        return unitBase;
    }

    int size() {
        return nodes.size();
    }

    int entryOf(int option) {
        for (int e = 0; e < opt.length; e++) if (opt[e] == option) return e;
        return -1;
    }

    /** Value of giving {@code gpus} GPUs of entry e to its option on one node, before prices and bonuses. */
    double entryValue(int e, int gpus) {
        return gpus * value[e] - start[e] * Math.max(0, gpus - cur[e]) - leave[e] * Math.max(0, cur[e] - gpus);
    }

    /** Value of a node configuration (units per entry; GPUs per unit by option), before prices and bonuses. */
    double configValue(int[] units, int[] unitGpus) {
        double v = 0;
        for (int e = 0; e < units.length; e++)
            if (units[e] != 0 || cur[e] != 0) v += entryValue(e, units[e] * unitGpus[opt[e]]);
        return v;
    }

    /** GPUs a node configuration takes from running work (counted by the disruption budget). */
    int configMoved(int[] units, int[] unitGpus) {
        int m = 0;
        for (int e = 0; e < units.length; e++) if (cur[e] != 0) m += moved(e, units[e] * unitGpus[opt[e]]);
        return m;
    }

    /** GPUs taken from running work when entry e ends with {@code gpus} GPUs. */
    int moved(int e, int gpus) {
        return e == 0 || exempt[e] ? 0 : Math.max(0, cur[e] - gpus);
    }
}
