package io.gpushift.engine.validation;

import io.gpushift.engine.Engine;
import io.gpushift.engine.Plan;
import io.gpushift.engine.Snapshot;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.Commitment;
import io.gpushift.engine.model.MarketValue;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningRevenue;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.model.Tariff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.gpushift.engine.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad input: never planned from, and the finding names the object and the field. */
class BadInputTest {
    final Engine engine = new Engine();

    static MiningOption etcWithPrice(double price) {
        MiningOption m = etc(20);
        MiningRevenue.Network n = (MiningRevenue.Network) m.revenue();
        return new MiningOption(m.id(), m.coin(), m.algorithm(), new MiningRevenue.Network(n.blockReward(),
                n.blockTimeSeconds(), n.networkHashrate(), MarketValue.of(price)), m.poolFee(), m.devFee(),
                m.warmUpSeconds(), m.profiles(), m.maxGpus(), m.allowedPools(), true, true);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, 0, -3, Double.POSITIVE_INFINITY})
    void badCoinPriceHoldsTheOptionAndNamesTheField(double price) {
        Node miner = Node.of("rig-1", "p", RTX3090, 24576, 4, new Assignment("default/etc", 4, NOW.minusSeconds(86400)));
        Node idle = Node.of("rig-2", "p", RTX3090, 24576, 4);
        Plan plan = engine.decide(new Snapshot(NOW, List.of(miner, idle), List.of(pool("p")), List.of(etcWithPrice(price)), List.of()));
        assertThat(plan.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(f.message()).startsWith("MiningPool default/etc: spec.revenue.network.coinPriceUsd is");
        });
        assertThat(plan.gpusOn("rig-1")).isEqualTo(Map.of("default/etc", 4)); // held, not stopped
        assertThat(plan.gpusOn("rig-2")).isEmpty();                             // and no new GPUs
        assertThat(plan.ledger()).noneMatch(e -> e.option().equals("default/etc"));
        assertThat(plan.held()).anySatisfy(h -> assertThat(h.reason()).isEqualTo("stale"));
    }

    @Test
    void productWithoutMiningProfileIsIneligibleOnlyForThatProduct() {
        MiningOption m = etc(500); // very profitable
        MiningOption only3090 = new MiningOption(m.id(), m.coin(), m.algorithm(), m.revenue(), m.poolFee(), m.devFee(),
                m.warmUpSeconds(), Map.of(RTX3090, m.profiles().get(RTX3090)), null, Set.of(), false, true);
        Snapshot s = new Snapshot(NOW, List.of(Node.of("h", "p", H100, 81559, 8), Node.of("r", "p", RTX3090, 24576, 2)),
                List.of(pool("p")), List.of(only3090), List.of());
        Plan plan = engine.decide(s);
        assertThat(plan.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.object()).isEqualTo("MiningPool default/etc");
            assertThat(f.field()).isEqualTo("spec.profiles[" + H100 + "]");
            assertThat(f.problem()).contains("ProfilesComplete=false");
        });
        assertThat(plan.gpusOn("h")).isEmpty();
        assertThat(plan.gpusOn("r")).isEqualTo(Map.of("default/etc", 2));
    }

    @Test
    void unknownProductInARequirement() {
        AiOption a = new AiOption("ml/llm", 1, 0, 4, Set.of("NVIDIA-H100-80GB-HBM3", "NVIDIA-H1OO-typo"), 0,
                Map.of(H100, MarketValue.of(2.35)), null, Map.of(H100, 700.0), Commitment.PREEMPTIBLE, 0, 0, 0, 0, 1, true);
        Plan plan = engine.decide(new Snapshot(NOW, List.of(Node.of("h", "p", H100, 81559, 8)), List.of(pool("p")), List.of(), List.of(a)));
        assertThat(plan.findings()).extracting(Finding::message)
                .contains("AIWorkload ml/llm: spec.requirements.allowedProducts[1] names unknown GPU product NVIDIA-H1OO-typo");
        assertThat(plan.gpusOn("h")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, 0, -2.35})
    void badAiPrice(double price) {
        AiOption a = llm("ml/llm", 2.35, 1, 0, 8, Commitment.PREEMPTIBLE);
        AiOption bad = new AiOption(a.id(), 1, 0, 8, Set.of(), 0, Map.of(H100, MarketValue.of(price)), null, a.watts(),
                a.commitment(), 0, 0, 0, 0, 1, true);
        Plan plan = engine.decide(new Snapshot(NOW, List.of(Node.of("h", "p", H100, 81559, 8)), List.of(pool("p")), List.of(), List.of(bad)));
        assertThat(plan.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).startsWith("AIWorkload ml/llm: spec.revenue.perGpuHour[" + H100 + "] is"));
        assertThat(plan.gpusOn("h")).isEmpty();
    }

    @Test
    void badTokenPrice() {
        AiOption a = new AiOption("ml/tok", 1, 0, 8, Set.of(), 0, Map.of(H100, MarketValue.of(10)), MarketValue.of(Double.NaN),
                Map.of(H100, 700.0), Commitment.PREEMPTIBLE, 0, 0, 0, 0, 1, true);
        Plan plan = engine.decide(new Snapshot(NOW, List.of(Node.of("h", "p", H100, 81559, 8)), List.of(pool("p")), List.of(), List.of(a)));
        assertThat(plan.findings()).extracting(Finding::message).contains("AIWorkload ml/tok: spec.revenue.tokenPriceUsd is NaN");
        assertThat(plan.gpusOn("h")).isEmpty();
    }

    @Test
    void badElectricityHoldsThePool() {
        NodePool bad = new NodePool("p", Tariff.fixed(Double.NaN), 1.2, null, null, null, null, null, null, false);
        Node n = Node.of("h", "p", H100, 81559, 8, new Assignment("ml/llm", 2, NOW.minusSeconds(86400)));
        Plan plan = engine.decide(new Snapshot(NOW, List.of(n), List.of(bad), List.of(),
                List.of(llm("ml/llm", 2.35, 1, 0, 8, Commitment.PREEMPTIBLE))));
        assertThat(plan.findings()).extracting(Finding::message).contains("GPUNodePool p: spec.electricity.usdPerKwh is NaN");
        assertThat(plan.nodes().getFirst().heldReason()).contains("invalid");
        assertThat(plan.gpusOn("h")).isEqualTo(Map.of("ml/llm", 2));
    }

    @Test
    void replicaBoundsAndFees() {
        AiOption a = new AiOption("ml/x", 1, 5, 2, Set.of(), 0, Map.of(H100, MarketValue.of(2)), null, Map.of(H100, 700.0),
                Commitment.GUARANTEED, 0, 0, 0, 0, 1, true);
        MiningOption m = etc(20);
        MiningOption fee = new MiningOption(m.id(), m.coin(), m.algorithm(), m.revenue(), 1.5, m.devFee(), m.warmUpSeconds(),
                m.profiles(), null, Set.of(), false, true);
        Plan plan = engine.decide(new Snapshot(NOW, List.of(Node.of("h", "p", H100, 81559, 8)), List.of(pool("p")), List.of(fee), List.of(a)));
        assertThat(plan.findings()).extracting(Finding::message).contains(
                "AIWorkload ml/x: spec.maxReplicas (2) is below spec.minReplicas (5)",
                "MiningPool default/etc: spec.poolFee must be a fraction in [0, 1), is 1.5");
        assertThat(plan.gpusOn("h")).isEmpty();
    }

    @Test
    void emptyFleet() {
        Plan plan = engine.decide(new Snapshot(NOW, List.of(), List.of(pool("p")), List.of(etc(20)), List.of()));
        assertThat(plan.findings()).extracting(Finding::message).containsExactly("Snapshot: nodes is empty: no GPU node to plan for");
        assertThat(plan.nodes()).isEmpty();
        assertThat(plan.changes()).isEmpty();
    }

    @Test
    void unknownPoolAndUnknownOptionOnANode() {
        Node n = Node.of("h", "nope", H100, 81559, 8, new Assignment("ghost/x", 2, NOW));
        Node m = Node.of("g", "p", H100, 81559, 8, new Assignment("ghost/x", 2, NOW));
        Plan plan = engine.decide(new Snapshot(NOW, List.of(n, m), List.of(pool("p")), List.of(), List.of()));
        assertThat(plan.findings()).extracting(Finding::message).contains("Node h: pool names unknown GPUNodePool nope",
                "Node g: assignments[ghost/x] names an unknown option; its 2 GPUs are held");
        assertThat(plan.gpusOn("g")).isEqualTo(Map.of("ghost/x", 2));
    }
}
