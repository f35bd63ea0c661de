package io.gpushift.operator.realize;

import static io.gpushift.operator.realize.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpushift.operator.Keys;
import io.gpushift.operator.model.DesiredPod;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cached spec hash is the built pod's hash, is computed once per key, and a new key (new generation) recomputes. */
class SpecHashesTest {

  @Test
  void aCachedHashIsTheBuiltPodsHashAndAKeyIsHashedOnce() {
    DesiredPod plain = replica(LLM, "a-01", 0, 8, false, 30);
    DesiredPod keyed = withKey(plain, "AIWorkload/ns/llm/uid-llm@1");
    String built = PodFactory.build("pool", plain).getMetadata().getAnnotations().get(Keys.SPEC_HASH);

    assertThat(PodFactory.expectedHash("pool", keyed)).isEqualTo(built);
    AtomicInteger computed = new AtomicInteger();
    String key = "test|" + System.nanoTime();
    SpecHashes.get(key, () -> "h" + computed.incrementAndGet());
    assertThat(SpecHashes.get(key, () -> "h" + computed.incrementAndGet())).isEqualTo("h1");
    assertThat(computed).hasValue(1);
  }

  @Test
  void aNewGenerationWithAnotherTemplateIsHashedAnew() {
    DesiredPod v1 = withKey(replica(LLM, "a-01", 0, 8, false, 30), "AIWorkload/ns/llm/uid-llm@1");
    DesiredPod v2 = new DesiredPod(v1.namespace(), v1.name(), v1.node(), v1.owner(), v1.kind(), v1.gpus(),
        v1.priorityClass(), v1.guaranteed(), v1.graceSeconds(), v1.labels(), spec("llm:2"), v1.reason(),
        "AIWorkload/ns/llm/uid-llm@2");
    assertThat(PodFactory.expectedHash("pool", v2)).isNotEqualTo(PodFactory.expectedHash("pool", v1))
        .isEqualTo(PodFactory.build("pool", v2).getMetadata().getAnnotations().get(Keys.SPEC_HASH));
    DesiredPod otherNode = withKey(replica(LLM, "a-02", 0, 8, false, 30), v1.specKey());
    assertThat(PodFactory.expectedHash("pool", otherNode)).as("the node is part of the key")
        .isNotEqualTo(PodFactory.expectedHash("pool", v1));
  }

  static DesiredPod withKey(DesiredPod d, String key) {
    return new DesiredPod(d.namespace(), d.name(), d.node(), d.owner(), d.kind(), d.gpus(), d.priorityClass(),
        d.guaranteed(), d.graceSeconds(), d.labels(), d.baseSpec(), d.reason(), key);
  }
}
