package io.gpushift.engine;

import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything one decision looks at. Immutable; the operator, the quote calculator and the backtest build it from CRs.
 *
 * @param now           decision time; {@code null} = the engine's clock
 * @param nodes         the fleet
 * @param pools         GPUNodePool policies by name (every node's pool must be here)
 * @param mining        MiningPool options
 * @param ai            AIWorkload options
 * @param knownProducts GPU products the cluster may have besides those on the nodes (used to tell a typo in a
 *                      requirement from a product that is merely absent right now); may be empty
 */
public record Snapshot(Instant now, List<Node> nodes, List<NodePool> pools, List<MiningOption> mining,
                       List<AiOption> ai, Set<String> knownProducts) {
    public Snapshot {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        pools = pools == null ? List.of() : List.copyOf(pools);
        mining = mining == null ? List.of() : List.copyOf(mining);
        ai = ai == null ? List.of() : List.copyOf(ai);
        knownProducts = knownProducts == null ? Set.of() : Set.copyOf(knownProducts);
    }

    public Snapshot(Instant now, List<Node> nodes, List<NodePool> pools, List<MiningOption> mining, List<AiOption> ai) {
        this(now, nodes, pools, mining, ai, Set.of());
    }

    public Snapshot withNow(Instant t) {
        return new Snapshot(t, nodes, pools, mining, ai, knownProducts);
    }
}
