package io.gpushift.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.model.AiOption;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.Commitment;
import io.gpushift.engine.model.DisruptionBudget;
import io.gpushift.engine.model.Hysteresis;
import io.gpushift.engine.model.MarketValue;
import io.gpushift.engine.model.MiningOption;
import io.gpushift.engine.model.MiningProfile;
import io.gpushift.engine.model.MiningRevenue;
import io.gpushift.engine.model.Mode;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import io.gpushift.engine.model.Tariff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeciderScenariosTest {

  /** The engine behind the operator's adapter, as in production. */
  Decider decider() {
    return new EngineDecider();
  }

  static final String H100 = "NVIDIA-H100-80GB-HBM3";
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  static NodePool pool(double usdPerKwh, double minGainUsdPerGpuHour, Duration dwell) {
    return new NodePool("p", Tariff.fixed(usdPerKwh), 1.0, Map.of(), Duration.ofHours(6),
        new Hysteresis(minGainUsdPerGpuHour, 0), dwell, DisruptionBudget.UNLIMITED, Mode.AUTO, false);
  }

  /** 100 MH/s at 150 W, earning {@code usdPerGpuHour} before power. */
  static MiningOption mining(double usdPerGpuHour) {
    double perHashPerDay = usdPerGpuHour * 24 / 1e8;
    return new MiningOption("ns/etc", "ETC", "etchash", new MiningRevenue.Hashprice(MarketValue.of(perHashPerDay),
        null), 0, 0, 20, Map.of(H100, new MiningProfile(1e8, 150)), null, Set.of(), false, true);
  }

  static AiOption ai(String id, Commitment commitment, int min, int max, double usdPerGpuHour) {
    return new AiOption(id, 8, min, max, Set.of(), 0, Map.of(H100, MarketValue.of(usdPerGpuHour)), null,
        Map.of(H100, 700.0), commitment, 30, 0, 10, 0, 1.0, true);
  }

  static Node node(String name, Assignment... current) {
    return Node.of(name, "p", H100, 81559, 8, current);
  }

  Decision decide(NodePool pool, List<Node> nodes, List<MiningOption> mining, List<AiOption> ai) {
    return decider().decide(new Snapshot(NOW, nodes, List.of(pool), mining, ai));
  }

  @Test
  void profitableMiningTakesIdleGpus() {
    Decision d = decide(pool(0.10, 0, Duration.ZERO), List.of(node("n1")), List.of(mining(0.30)), List.of());
    assertThat(d.on("n1")).isEqualTo(Map.of("ns/etc", 8));
    assertThat(d.revenueUsdPerHour()).isEqualTo(2.4);
    assertThat(d.powerUsdPerHour()).isEqualTo(0.12);
  }

  @Test
  void priceFlipMovesMiningToAiOnlyBeyondHysteresis() {
    Node mining = node("n1", new Assignment("ns/etc", 8, NOW.minus(Duration.ofHours(2))));
    NodePool margin = pool(0.10, 0.50, Duration.ZERO);
    // AI 0.60 vs mining 0.30 before power: AI nets 0.53, mining 0.285; a gain of 0.245/GPU-h is inside the 0.50 margin.
    Decision noise = decide(margin, List.of(mining), List.of(mining(0.30)),
        List.of(ai("ns/llm", Commitment.PREEMPTIBLE, 0, 1, 0.60)));
    assertThat(noise.on("n1")).isEqualTo(Map.of("ns/etc", 8));
    assertThat(noise.explanations()).singleElement().asString().contains("held");

    Decision flip = decide(margin, List.of(mining), List.of(mining(0.30)),
        List.of(ai("ns/llm", Commitment.PREEMPTIBLE, 0, 1, 2.00)));
    assertThat(flip.on("n1")).isEqualTo(Map.of("ns/llm", 8));
    assertThat(flip.moves()).isEqualTo(1);
  }

  @Test
  void minimumDwellHoldsARecentMove() {
    Node fresh = node("n1", new Assignment("ns/etc", 8, NOW.minus(Duration.ofMinutes(5))));
    Decision d = decide(pool(0.10, 0, Duration.ofMinutes(30)), List.of(fresh), List.of(mining(0.30)),
        List.of(ai("ns/llm", Commitment.PREEMPTIBLE, 0, 1, 2.00)));
    assertThat(d.on("n1")).isEqualTo(Map.of("ns/etc", 8));
    assertThat(d.explanations()).singleElement().asString().contains("dwell");
  }

  @Test
  void electricitySpikeIdlesMinersAndTheyComeBack() {
    Node mining = node("n1", new Assignment("ns/etc", 8, NOW.minus(Duration.ofHours(2))));
    // 150 W at 3 USD/kWh costs 0.45/h, more than the 0.30 a GPU mines: mining is no longer allowed.
    Decision spike = decide(pool(3.0, 0.05, Duration.ZERO), List.of(mining), List.of(mining(0.30)), List.of());
    assertThat(spike.on("n1")).isEmpty();

    Decision after = decide(pool(0.10, 0.05, Duration.ZERO), List.of(node("n1")), List.of(mining(0.30)), List.of());
    assertThat(after.on("n1")).isEqualTo(Map.of("ns/etc", 8));
  }

  @Test
  void guaranteedMinimumComesFirstWhateverThePrice() {
    Node mining = node("n1", new Assignment("ns/etc", 8, NOW.minus(Duration.ofMinutes(1))));
    Decision d = decide(pool(0.10, 1.0, Duration.ofHours(1)), List.of(mining), List.of(mining(0.30)),
        List.of(ai("ns/contract", Commitment.GUARANTEED, 1, 1, 0.01)));
    assertThat(d.on("n1")).isEqualTo(Map.of("ns/contract", 8));
  }
}
