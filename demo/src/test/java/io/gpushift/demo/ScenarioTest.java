package io.gpushift.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled scenario is well formed: ordered, sourced, and every patch names a field that exists. */
class ScenarioTest {

  @Test
  void bundledScenarioIsOrderedSourcedAndItsPatchesHitExistingFields() throws Exception {
    Scenario s = Scenario.bundled();
    assertThat(s.steps()).hasSizeGreaterThanOrEqualTo(5);
    List<GenericKubernetesResource> all = new ArrayList<>();
    for (String res : s.resources()) {
      all.addAll(Kube.read(ScenarioTest.class.getResourceAsStream("/" + res)));
    }
    s.steps().forEach(st -> st.apply().forEach(res -> {
      try {
        all.addAll(Kube.read(ScenarioTest.class.getResourceAsStream("/" + res)));
      } catch (java.io.IOException e) {
        throw new AssertionError(res, e);
      }
    }));
    boolean spike = false;
    boolean surge = false;
    for (Scenario.Step step : s.steps()) {
      assertThat(step.source()).as(step.title()).isNotBlank();
      assertThat(step.marketTime()).matches("\\d\\d:\\d\\d");
      for (Scenario.Patch p : step.patches()) {
        GenericKubernetesResource target = all.stream()
            .filter(r -> r.getKind().equals(p.kind()) && r.getMetadata().getName().equals(p.name())).findFirst()
            .orElseThrow(() -> new AssertionError("no " + p.kind() + "/" + p.name() + " in the bundled resources"));
        JsonNode node = Serialization.jsonMapper().valueToTree(target).at(p.path());
        assertThat(node.isMissingNode()).as(p.kind() + "/" + p.name() + " " + p.path()).isFalse();
        spike |= p.path().equals("/spec/electricity/usdPerKWh") && ((Number) p.value()).doubleValue() > 0.1;
        surge |= p.path().equals("/spec/maxReplicas");
      }
    }
    assertThat(spike).as("an electricity price spike").isTrue();
    assertThat(surge).as("an AI demand surge").isTrue();
    assertThat(s.steps().stream().anyMatch(st -> st.apply().contains("demo/finetune-contract.yaml"))).isTrue();
  }

  @Test
  void durations() {
    assertThat(Scenario.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Scenario.parseDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Scenario.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
  }
}
