package io.gpushift.operator.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpushift.engine.Snapshot;
import io.gpushift.engine.model.Assignment;
import io.gpushift.engine.model.Node;
import io.gpushift.engine.model.NodePool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepeatDeciderTest {

  private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");
  private final List<String> decided = new ArrayList<>();
  private final List<String> timed = new ArrayList<>();
  private final Decider counting = s -> {
    decided.add(s.pools().get(0).name() + "@" + s.now());
    return new Decision(Map.of(), decided.size(), 0, List.of(), 0, 0, List.of(), Map.of());
  };
  private final RepeatDecider decider = new RepeatDecider(counting, Duration.ofSeconds(10),
      (pool, took) -> timed.add(pool));

  @Test
  void anUnchangedSnapshotWithinTheWindowGetsTheLastDecision() {
    Decision first = decider.decide(snapshot("farm", T0, 4));
    Decision again = decider.decide(snapshot("farm", T0.plusSeconds(9), 4));

    assertThat(again).isSameAs(first);
    assertThat(decided).hasSize(1);
    assertThat(timed).containsExactly("farm"); // only real decisions are timed
  }

  @Test
  void aChangedInputOrAnExpiredWindowDecidesAfresh() {
    decider.decide(snapshot("farm", T0, 4));
    decider.decide(snapshot("farm", T0.plusSeconds(1), 6)); // a node's use changed
    decider.decide(snapshot("farm", T0.plusSeconds(12), 6)); // same input, but timers may have run out
    decider.decide(snapshot("farm", T0.plusSeconds(11), 6)); // the clock went back: never trusted

    assertThat(decided).hasSize(4);
  }

  @Test
  void everyComponentOfTheSnapshotCounts() {
    Snapshot s = snapshot("farm", T0, 4);
    decider.decide(s);
    decider.decide(new Snapshot(T0.plusSeconds(1), s.nodes(), s.pools(), s.mining(), s.ai(),
        java.util.Set.of("NVIDIA-A100-SXM4-80GB"))); // only the products the cluster may have changed

    assertThat(decided).hasSize(2);
  }

  @Test
  void poolsAreRememberedApart() {
    decider.decide(snapshot("a", T0, 4));
    decider.decide(snapshot("b", T0, 4));
    decider.decide(snapshot("a", T0.plusSeconds(1), 4));

    assertThat(decided).containsExactly("a@" + T0, "b@" + T0);
  }

  private static Snapshot snapshot(String pool, Instant now, int mining) {
    Node node = Node.of("n1", pool, "NVIDIA-H100-80GB-HBM3", 81559, 8,
        new Assignment("ns/etc", mining, T0.minusSeconds(3600)));
    return new Snapshot(now, List.of(node), List.of(NodePool.simple(pool, 0.08, 1.2)), List.of(), List.of());
  }
}
