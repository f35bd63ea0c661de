package io.gpushift.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123Z");
  static final Instant T1 = Instant.parse("2026-11-25T11:00:00Z");

  final List<Condition> conditions = new ArrayList<>();

  @Test
  void newConditionGetsTheTimeInSecondsPrecision() {
    boolean changed = Conditions.set(conditions, ready(ConditionStatus.True, "Running", "4 replicas"), T0);

    assertThat(changed).isTrue();
    assertThat(conditions).singleElement().satisfies(c -> {
      assertThat(c.lastTransitionTime).isEqualTo("2026-11-25T10:00:00Z");
      assertThat(c.status).isEqualTo(ConditionStatus.True);
    });
  }

  @Test
  void sameStatusKeepsTheTransitionTimeButTakesTheNewMessage() {
    Conditions.set(conditions, ready(ConditionStatus.True, "Running", "4 replicas"), T0);

    boolean changed = Conditions.set(conditions, ready(ConditionStatus.True, "Running", "5 replicas"), T1);

    assertThat(changed).isTrue();
    assertThat(conditions).singleElement().satisfies(c -> {
      assertThat(c.lastTransitionTime).isEqualTo("2026-11-25T10:00:00Z");
      assertThat(c.message).isEqualTo("5 replicas");
    });
  }

  @Test
  void flippedStatusMovesTheTransitionTime() {
    Conditions.set(conditions, ready(ConditionStatus.True, "Running", "4 replicas"), T0);

    Conditions.set(conditions, ready(ConditionStatus.False, "Preempted", "GPUs moved to mining"), T1);

    assertThat(conditions).singleElement().satisfies(c -> {
      assertThat(c.lastTransitionTime).isEqualTo("2026-11-25T11:00:00Z");
      assertThat(c.reason).isEqualTo("Preempted");
    });
  }

  @Test
  void identicalConditionIsNoChange() {
    Conditions.set(conditions, ready(ConditionStatus.True, "Running", "4 replicas"), T0);

    assertThat(Conditions.set(conditions, ready(ConditionStatus.True, "Running", "4 replicas"), T1)).isFalse();
  }

  @Test
  void otherTypesAreLeftAlone() {
    Conditions.set(conditions, ready(ConditionStatus.True, "Running", ""), T0);
    Conditions.set(conditions, new Condition("Admitted", ConditionStatus.True, "GpusGiven", ""), T1);

    assertThat(conditions).extracting(c -> c.type).containsExactly("Ready", "Admitted");
    assertThat(Conditions.isTrue(conditions, "Ready")).isTrue();
    assertThat(Conditions.isTrue(conditions, "Preempted")).isFalse();
  }

  static Condition ready(ConditionStatus status, String reason, String message) {
    return new Condition("Ready", status, reason, message);
  }
}
