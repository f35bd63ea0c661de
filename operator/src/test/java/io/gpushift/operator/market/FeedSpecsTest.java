package io.gpushift.operator.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.gpushift.api.v1alpha1.MarketFeed;
import io.gpushift.market.spec.FeedSource;
import io.gpushift.market.spec.FeedSpec;
import io.gpushift.market.spec.OutlierRule;
import io.gpushift.market.spec.SmoothingSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MarketFeed → the market module's FeedSpec: every source kind, the defaults, API keys and ConfigMaps. */
class FeedSpecsTest {

  static MarketFeed feed(String specYaml) {
    MarketFeed f = Serialization.unmarshal("""
        apiVersion: gpushift.io/v1alpha1
        kind: MarketFeed
        metadata: {name: f, namespace: market}
        spec:
        """ + specYaml.indent(2), MarketFeed.class);
    return f;
  }

  static final FeedSpecs.Reads NOTHING = new FeedSpecs.Reads() {
    @Override
    public String secret(String namespace, String name, String key) throws FeedConfigException {
      throw new FeedConfigException("SecretNotFound", "spec.apiKey.secretKeyRef: Secret " + namespace + "/" + name
          + " not found");
    }

    @Override
    public Map<String, String> configMap(String namespace, String name) throws FeedConfigException {
      throw new FeedConfigException("ConfigMapNotFound", "spec.configMap: ConfigMap " + name + " not found");
    }
  };

  static FeedSpecs.Reads reads(Map<String, String> secret, Map<String, String> configMap) {
    return new FeedSpecs.Reads() {
      @Override
      public String secret(String namespace, String name, String key) {
        return secret.get(key);
      }

      @Override
      public Map<String, String> configMap(String namespace, String name) {
        return configMap;
      }
    };
  }

  @Test
  void coinGeckoWithDefaultsAndAnApiKeyFromTheSecret() throws Exception {
    FeedSpec spec = FeedSpecs.from(feed("""
        coinGecko: {ids: [nunet, ravencoin]}
        apiKey: {secretKeyRef: {name: cg, key: key}, header: x-cg-pro-api-key}
        """), reads(Map.of("key", "k-123"), Map.of()));
    assertThat(spec.name()).isEqualTo("market.f");
    assertThat(spec.source()).isEqualTo(FeedSource.CoinGecko.of("https://api.coingecko.com", "nunet", "ravencoin"));
    assertThat(spec.refreshInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(spec.maxAge()).isEqualTo(Duration.ofMinutes(10));
    assertThat(spec.smoothing()).isEqualTo(SmoothingSpec.DEFAULT);
    assertThat(spec.apiKey()).hasValueSatisfying(k -> {
      assertThat(k.header()).isEqualTo("x-cg-pro-api-key");
      assertThat(k.value().reveal()).isEqualTo("k-123");
      assertThat(k.toString()).doesNotContain("k-123");
    });
  }

  @Test
  void electricityPriceIsConvertedFromMegawattHoursAndNegativePricesAreFreePower() throws Exception {
    FeedSpec spec = FeedSpecs.from(feed("""
        electricityPrice: {url: "https://grid.example.org/lmp.json", pointer: /data/0/lmp}
        refreshInterval: 5m
        maxAge: 20m
        smoothing: {window: 7, outliers: Sigma, k: 3, method: Median, confirmRises: 0, confirmFalls: 2}
        """), NOTHING);
    FeedSource.Http http = (FeedSource.Http) spec.source();
    assertThat(http.multiplier()).isEqualTo(0.001);
    assertThat(http.negativeAsZero()).isTrue();
    assertThat(http.pointer()).isEqualTo("/data/0/lmp");
    assertThat(spec.smoothing()).isEqualTo(new SmoothingSpec(7, OutlierRule.sigma(3), SmoothingSpec.Method.MEDIAN, 0, 2));
    assertThat(spec.refreshInterval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void whatToMinePrometheusAndHttpJsonMapOneToOne() throws Exception {
    var wtm = (FeedSource.WhatToMine) FeedSpecs.from(feed("whatToMine: {coinIds: [162, 234], mode: PerCoin}"),
        NOTHING).source();
    assertThat(wtm.coinIds()).containsExactly(162, 234);
    assertThat(wtm.mode()).isEqualTo(FeedSource.WhatToMine.Mode.PER_COIN);
    var prom = (FeedSource.Prometheus) FeedSpecs.from(feed("""
        prometheus: {url: "http://prometheus:9090", query: "avg by (modelName) (DCGM_FI_DEV_POWER_USAGE)", labelKey: modelName}
        """), NOTHING).source();
    assertThat(prom.labelKey()).isEqualTo("modelName");
    var http = (FeedSource.Http) FeedSpecs.from(feed("httpJson: {url: \"http://x.example/p\", pointer: /p, multiplier: 2}"),
        NOTHING).source();
    assertThat(http.multiplier()).isEqualTo(2);
    assertThat(http.negativeAsZero()).isFalse();
  }

  @Test
  void configMapKeysBecomeStaticFieldsAndTextThatIsNotANumberNamesTheKey() throws Exception {
    var values = (FeedSource.Static) FeedSpecs.from(feed("configMap: {name: rates}"),
        reads(Map.of(), Map.of("h100", "$2.35", "a100", "1.2e0"))).source();
    assertThat(values.values()).containsEntry("h100", 2.35).containsEntry("a100", 1.2);

    assertThatThrownBy(() -> FeedSpecs.from(feed("configMap: {name: rates}"), reads(Map.of(), Map.of("h100", "two"))))
        .isInstanceOf(FeedConfigException.class).hasMessageContaining("ConfigMap market/rates key h100")
        .hasMessageContaining("\"two\"");
    assertThatThrownBy(() -> FeedSpecs.from(feed("configMap: {name: rates, keys: [b200]}"),
        reads(Map.of(), Map.of("h100", "2")))).hasMessageContaining("key b200 is missing");
    assertThatThrownBy(() -> FeedSpecs.from(feed("configMap: {name: rates}"), reads(Map.of(), Map.of("h100", "-1"))))
        .hasMessageContaining("is negative");
  }

  @Test
  void aMissingSecretOrAnImpossibleSpecIsAConfigErrorWithAReason() {
    assertThatThrownBy(() -> FeedSpecs.from(feed("""
        coinGecko: {ids: [nunet]}
        apiKey: {secretKeyRef: {name: cg, key: key}, header: x-cg-pro-api-key}
        """), NOTHING)).isInstanceOfSatisfying(FeedConfigException.class,
        e -> assertThat(e.reason()).isEqualTo("SecretNotFound"));
    // What the CRD's CEL rules refuse is still refused here (e.g. on a cluster with an older CRD).
    assertThatThrownBy(() -> FeedSpecs.from(feed("""
        coinGecko: {ids: [nunet]}
        refreshInterval: 10m
        maxAge: 1m
        """), NOTHING)).isInstanceOfSatisfying(FeedConfigException.class, e -> {
          assertThat(e.reason()).isEqualTo("InvalidSpec");
          assertThat(e.getMessage()).contains("maxAge");
        });
  }

  @Test
  void aJsonPointerWithABadEscapeNamesTheFieldBeforeAnyFetch() throws Exception {
    assertThatThrownBy(() -> FeedSpecs.from(feed("""
        httpJson: {url: "http://127.0.0.1:9/p.json", pointer: "/data/~2/price"}
        """), NOTHING)).isInstanceOf(FeedConfigException.class)
        .hasMessageContaining("spec.httpJson.pointer /data/~2/price is not an RFC 6901 JSON Pointer");
    assertThat(FeedSpecs.pointer("/a~1b/~0c/0", "f")).isEqualTo("/a~1b/~0c/0");
    assertThat(FeedSpecs.pointer("", "f")).isEmpty();
  }
}
