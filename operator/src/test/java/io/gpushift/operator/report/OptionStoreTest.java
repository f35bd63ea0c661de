package io.gpushift.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpushift.operator.decide.OptionOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionStoreTest {

  private final OptionStore store = new OptionStore();
  private final List<String> heard = new ArrayList<>();

  OptionStoreTest() {
    store.onChange((id, ai) -> heard.add(id + (ai ? " ai" : " mining")));
  }

  @Test
  void listenersHearOnlyOfChangedOptions() {
    store.publish("a", Map.of("ns/llm", ai(8, null), "ns/etc", mining(8)));
    assertThat(heard).containsExactlyInAnyOrder("ns/llm ai", "ns/etc mining");

    heard.clear();
    store.publish("a", Map.of("ns/llm", ai(8, null), "ns/etc", mining(8)));
    assertThat(heard).as("same outcomes again: a quiet cluster writes nothing").isEmpty();

    store.publish("a", Map.of("ns/llm", ai(16, null)));
    assertThat(heard).containsExactlyInAnyOrder("ns/llm ai", "ns/etc mining");
    assertThat(store.of("ns/etc")).isEmpty();
  }

  @Test
  void outcomesOfSeveralPoolsAreKeptApartAndAForgottenPoolDropsOut() {
    store.publish("a", Map.of("ns/etc", mining(8)));
    store.publish("b", Map.of("ns/etc", mining(4)));
    assertThat(Shares.gpus(store.of("ns/etc").values())).isEqualTo(12);

    store.forget("b");
    assertThat(store.of("ns/etc")).containsOnlyKeys("a");
  }

  @Test
  void aPreemptionLastsUntilThePoolGivesTheGpusBack() {
    var preempted = new OptionOutcome.Preemption("OutbidForProfit", "8 GPU(s) ns/llm → ns/etc", 16);
    store.publish("a", Map.of("ns/llm", ai(8, preempted)));
    store.publish("a", Map.of("ns/llm", ai(8, null)));
    assertThat(store.of("ns/llm").get("a").preemption()).isEqualTo(preempted);

    store.publish("a", Map.of("ns/llm", ai(16, null)));
    assertThat(store.of("ns/llm").get("a").preemption()).isNull();
  }

  @Test
  void everyObjectIsWokenWhenTheFirstPoolDecides() {
    List<String> woken = new ArrayList<>();
    store.onFirstDecision(() -> woken.add("all"));
    store.publish("a", Map.of());
    assertThat(woken).as("the first decision, though it names no option").containsExactly("all");
    store.publish("b", Map.of());
    store.publish("a", Map.of());
    assertThat(woken).as("later decisions wake only the options that changed").hasSize(1);

    store.forget("a");
    store.forget("b");
    store.publish("a", Map.of());
    assertThat(woken).as("first again once no pool had decided").hasSize(2);
  }

  @Test
  void nothingIsDecidedUntilAPoolPublishes() {
    assertThat(store.anyDecided()).isFalse();
    store.publish("a", Map.of());
    assertThat(store.anyDecided()).isTrue();
  }

  private static OptionOutcome ai(int gpus, OptionOutcome.Preemption p) {
    return new OptionOutcome("ns/llm", true, Map.of("H100", gpus), gpus / 8, gpus * 2.0, gpus * 0.07, Map.of(), null,
        p, Set.of(), null);
  }

  private static OptionOutcome mining(int gpus) {
    return new OptionOutcome("ns/etc", false, Map.of("H100", gpus), 0, gpus * 0.3, gpus * 0.015,
        Map.of("H100", new OptionOutcome.Rate(0.3, 0.015, 0.285, true, "")), null, null, Set.of(), null);
  }
}
