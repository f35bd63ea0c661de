package io.gpushift.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

  @ParameterizedTest
  @CsvSource({"120M, 1.2e8", "1.2G, 1.2e9", "190T, 1.9e14", "1P, 1e15", "5e14, 5e14", "1Ki, 1024", "500m, 0.5"})
  void readsDecimalBinaryAndExponentSuffixes(String quantity, double expected) {
    assertThat(Quantities.toDouble(quantity)).isCloseTo(expected, within(expected * 1e-12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "120 MH/s", "12OM", "-5M", "M"})
  void refusesWhatTheSchemaRefuses(String text) {
    assertThatThrownBy(() -> Quantities.toDouble(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
