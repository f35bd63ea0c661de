package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** One feed: exactly one source, plus fetching and smoothing settings that the operator maps 1:1 onto the market module. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.static), has(self.configMap), has(self.httpJson), has(self.whatToMine), "
    + "has(self.coinGecko), has(self.prometheus), has(self.electricityPrice)].filter(x, x).size() == 1",
    message = "exactly one of static, configMap, httpJson, whatToMine, coinGecko, prometheus or electricityPrice "
        + "must be set")
@ValidationRule(value = "!has(self.maxAge) || !has(self.refreshInterval) "
    + "|| duration(self.maxAge) >= duration(self.refreshInterval)",
    message = "maxAge must be at least refreshInterval", fieldPath = ".maxAge")
@ValidationRule(value = "!has(self.apiKey) || has(self.httpJson) || has(self.whatToMine) || has(self.coinGecko) "
    + "|| has(self.prometheus) || has(self.electricityPrice)",
    message = "apiKey applies only to HTTP sources", fieldPath = ".apiKey")
public class MarketFeedSpec {

  @JsonProperty("static")
  @Size(min = 1, max = 64)
  @ValidationRule(value = "self.all(k, k.size() <= 128 && k.matches('^[A-Za-z0-9_.-]+$'))",
      message = "field names may contain only letters, digits, '_', '.' and '-' (at most 128 characters)")
  @ValidationRule(value = "self.all(k, self[k] >= 0.0)", message = "values must not be negative")
  @JsonPropertyDescription("Fixed values by field name, e.g. `{ntx: 0.02}`. Always fresh; useful for tests and for "
      + "prices you set by hand in one place.")
  public Map<String, Double> staticValues;

  @JsonPropertyDescription("Values from the keys of a ConfigMap in this namespace, one field per key. Numbers may be "
      + "written as `0.08`, `1.2e3` or `$1,234.5`. Re-read every refreshInterval; always fresh while readable.")
  public FeedSources.ConfigMapSource configMap;

  @JsonPropertyDescription("One number in any JSON document, addressed by a JSON Pointer. Field: `value`.")
  public FeedSources.HttpJson httpJson;

  @JsonPropertyDescription("WhatToMine-compatible coin data. Fields per coin id: `<id>.networkHashrate` (H/s), "
      + "`<id>.blockReward`, `<id>.blockTimeSeconds`, `<id>.exchangeRate` (USD) and `<id>.exchangeRateBtc`.")
  public FeedSources.WhatToMine whatToMine;

  @JsonPropertyDescription("CoinGecko-compatible `/api/v3/simple/price`. Fields: the coin ids, e.g. `ravencoin`.")
  public FeedSources.CoinGecko coinGecko;

  @JsonPropertyDescription("An instant query on a Prometheus HTTP API, e.g. measured GPU power from the DCGM exporter "
      + "(`avg by (modelName) (DCGM_FI_DEV_POWER_USAGE)`). Fields: the values of `labelKey`, or `value`.")
  public FeedSources.Prometheus prometheus;

  @JsonPropertyDescription("A live electricity price in any JSON document, converted to USD per kWh. Field: `value`.")
  public FeedSources.ElectricityPrice electricityPrice;

  @JsonPropertyDescription("An API key sent as an HTTP header, read from a Secret in this namespace (the operator "
      + "may read Secrets only in the namespaces the Helm value `secretNamespaces` lists).")
  public FeedSources.ApiKey apiKey;

  @Default("60s")
  @Pattern(Patterns.DURATION)
  @Size(max = 32)
  @ValidationRule(value = "duration(self) >= duration('1s')", message = "refreshInterval must be at least 1s")
  @JsonPropertyDescription("How often the source is fetched, e.g. `60s`. Default `60s`. Feeds naming the same URL with "
      + "the same key share one request per interval.")
  public String refreshInterval;

  @Default("10s")
  @Pattern(Patterns.DURATION)
  @Size(max = 32)
  @ValidationRule(value = "duration(self) > duration('0s') && duration(self) <= duration('5m')",
      message = "timeout must be more than 0s and at most 5m")
  @JsonPropertyDescription("Time allowed for one HTTP attempt, headers and body. Default `10s`.")
  public String timeout;

  @Default("10m")
  @Pattern(Patterns.DURATION)
  @Size(max = 32)
  @JsonPropertyDescription("A value older than this is stale: the options using it hold their GPUs and report "
      + "`MarketDataFresh=False`. At least refreshInterval. Default `10m`.")
  public String maxAge;

  @JsonPropertyDescription("Outlier rejection, smoothing and confirmation of each field. Default: window 5, MAD "
      + "outliers (k 3.5), EMA, rises published after 3 consecutive higher observations.")
  public FeedSources.Smoothing smoothing;

  @JsonPropertyDescription("Retries of a failed fetch with exponential backoff. 429 and 503 wait for Retry-After.")
  public FeedSources.Retry retry;
}
