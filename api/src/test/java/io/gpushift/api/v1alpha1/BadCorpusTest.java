package io.gpushift.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Offline checks of the bad corpus itself; CrdValidationIT sends it to a real API server. */
class BadCorpusTest {

  static List<BadSample> bad() {
    return BadSample.all();
  }

  @Test
  void corpusIsLargeAndCoversEveryKind() {
    assertThat(bad()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(bad()).extracting(BadSample::kind).contains("GPUNodePool", "MiningPool", "AIWorkload", "MarketFeed");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void firstExpectationNamesTheFieldAndTheNameIsTheFileName(BadSample sample) {
    assertThat(sample.expects()).as("`# expect:` lines").isNotEmpty();
    assertThat(sample.expects().getFirst()).as("the first expectation names the field").startsWith("spec");
    Map<?, ?> metadata = (Map<?, ?>) sample.object().get("metadata");
    assertThat(sample.file().getFileName().toString()).isEqualTo(metadata.get("name") + ".yaml");
  }
}
