package io.gpushift.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The samples are reused by the CLI and operator, so they must map onto the classes without loss. */
class ValidSamplesTest {

  static List<Path> valid() {
    return Samples.files("valid");
  }

  @ParameterizedTest
  @MethodSource("valid")
  void readsStrictlyIntoTheClasses(Path file) {
    HasMetadata resource = Samples.read(file);

    assertThat(resource.getMetadata().getName()).isNotBlank();
    assertThat(resource.getApiVersion()).isEqualTo("gpushift.io/v1alpha1");
  }

  @Test
  void everyKindHasSamples() {
    assertThat(valid().stream().map(f -> Samples.read(f).getKind()).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("GPUNodePool", "MiningPool", "AIWorkload", "MarketFeed");
  }

  @Test
  void etcSampleCarriesTheSourcedProfiles() {
    MiningPool etc = (MiningPool) Samples.read(Samples.ROOT.resolve("valid/miningpool-etc.yaml"));

    assertThat(etc.getSpec().profiles).extracting(p -> p.gpuProduct, p -> Quantities.toDouble(p.hashrate), p -> p.watts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("NVIDIA-GeForce-RTX-3090", 1.2e8, 330),
            org.assertj.core.groups.Tuple.tuple("NVIDIA-GeForce-RTX-4090", 1.35e8, 250));
    assertThat(etc.getSpec().revenue.network.blockReward.value).isEqualTo(2.048);
  }

  @Test
  void tokenSampleNamesItsFeed() {
    AIWorkload nunet = (AIWorkload) Samples.read(Samples.ROOT.resolve("valid/aiworkload-nunet-token.yaml"));

    AIProfile profile = nunet.getSpec().profiles.getFirst();
    assertThat(profile.currency).isEqualTo("NTX");
    assertThat(profile.tokenPriceUsd.feedRef.name).isEqualTo("coingecko");
    assertThat(nunet.getSpec().template.getSpec().getContainers()).hasSize(1);
  }

  @Test
  void feedSamplesMapTheirSourcesAndTheStaticKeyword() throws Exception {
    MarketFeed cg = (MarketFeed) Samples.read(Samples.ROOT.resolve("valid/marketfeed-coingecko.yaml"));
    assertThat(cg.getSpec().coinGecko.ids).contains("nunet");
    assertThat(cg.getSpec().apiKey.secretKeyRef.name).isEqualTo("coingecko-api");
    MarketFeed fixed = Samples.YAML.readValue("""
        apiVersion: gpushift.io/v1alpha1
        kind: MarketFeed
        metadata: {name: fixed}
        spec:
          static: {ntx: 0.02}
        """, MarketFeed.class);
    assertThat(fixed.getSpec().staticValues).containsEntry("ntx", 0.02);
  }

  @Test
  void aTypoInASpecIsAnErrorNotSilence() throws Exception {
    String typo = """
        apiVersion: gpushift.io/v1alpha1
        kind: GPUNodePool
        metadata: {name: typo}
        spec: {electricity: {usdPerKwh: 0.08}}
        """;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Samples.YAML.readValue(typo, GPUNodePool.class))
        .hasMessageContaining("usdPerKwh");
  }
}
