package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** The sources and settings of a {@link MarketFeedSpec}; each mirrors a record of the market module's FeedSpec. */
public final class FeedSources {

  private FeedSources() {
  }

  static final String URL = "An absolute http(s) URL without credentials (put keys in apiKey).";

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ConfigMapSource {
    @Required
    @Pattern(Patterns.OBJECT_NAME)
    @Size(max = 253)
    @JsonPropertyDescription("Name of the ConfigMap, in the feed's namespace.")
    public String name;

    @Size(max = 64)
    @JsonPropertyDescription("Keys to publish; default every key of the ConfigMap's data.")
    public List<@Size(max = 253) String> keys;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HttpJson {
    @Required
    @Pattern(Patterns.HTTP_URL)
    @Size(max = 2048)
    @JsonPropertyDescription("The document's URL. " + URL)
    public String url;

    @Required
    @Pattern("^(/.*)?$")
    @Size(max = 512)
    @JsonPropertyDescription("RFC 6901 JSON Pointer to the number, e.g. `/data/0/price`. Numbers in strings such as "
        + "`\"$1,234.5\"` are accepted; anything else makes the value not fresh.")
    public String pointer;

    @Default("1.0")
    @Min(value = 0, inclusive = false)
    @Max(1e12)
    @JsonPropertyDescription("Factor applied to the number, e.g. 0.001 to turn USD/MWh into USD/kWh. Default 1.")
    public Double multiplier;

    @Size(max = 32)
    @JsonPropertyDescription("Unit of the value after the multiplier, for display only, e.g. `USD/kWh`.")
    public String unit;

    @Default("false")
    @JsonPropertyDescription("Publish a negative number as 0 instead of rejecting it (wholesale power prices go "
        + "negative). Default false.")
    public Boolean negativeAsZero;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ElectricityPrice {
    @Required
    @Pattern(Patterns.HTTP_URL)
    @Size(max = 2048)
    @JsonPropertyDescription("The price document's URL, e.g. a grid operator's real-time price. " + URL)
    public String url;

    @Required
    @Pattern("^(/.*)?$")
    @Size(max = 512)
    @JsonPropertyDescription("RFC 6901 JSON Pointer to the price, e.g. `/data/0/lmp`.")
    public String pointer;

    public enum Unit { USDPerMWh, USDPerKWh }

    @Default("USDPerMWh")
    @JsonPropertyDescription("Unit of the published price: `USDPerMWh` (wholesale markets; divided by 1000) or "
        + "`USDPerKWh`. Default `USDPerMWh`.")
    public Unit unit;

    @Default("true")
    @JsonPropertyDescription("Publish negative prices as 0 (power is then free, not paid for). Default true.")
    public Boolean negativeAsZero;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class WhatToMine {
    @Default("https://whattomine.com")
    @Pattern(Patterns.HTTP_URL)
    @Size(max = 2048)
    @JsonPropertyDescription("Base URL of a WhatToMine-compatible API. Default `https://whattomine.com`.")
    public String baseUrl;

    @Required
    @Size(min = 1, max = 50)
    @JsonPropertyDescription("WhatToMine coin ids, e.g. 162 (Ethereum Classic), 234 (Ravencoin), 340 (Ergo). Coin 1 "
        + "(Bitcoin) is always fetched too: it converts altcoin rates from BTC to USD.")
    public List<@Min(1) @Max(1000000) Integer> coinIds;

    public enum Mode { AllCoins, PerCoin }

    @Default("AllCoins")
    @JsonPropertyDescription("`AllCoins`: one request to `/coins.json`; `PerCoin`: `/coins/<id>.json` per coin. Default "
        + "`AllCoins`.")
    public Mode mode;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class CoinGecko {
    @Default("https://api.coingecko.com")
    @Pattern(Patterns.HTTP_URL)
    @Size(max = 2048)
    @JsonPropertyDescription("Base URL of a CoinGecko-compatible API. Default `https://api.coingecko.com`.")
    public String baseUrl;

    @Required
    @Size(min = 1, max = 100)
    @JsonPropertyDescription("CoinGecko coin ids, e.g. `ethereum-classic`, `ravencoin`, `nunet`. Each is a field.")
    public List<@Pattern("^[a-z0-9][a-z0-9-]*$") @Size(max = 100) String> ids;

    @Default("usd")
    @Pattern("^[a-z0-9][a-z0-9-]*$")
    @Size(max = 16)
    @JsonPropertyDescription("Currency of the prices. Default `usd`.")
    public String vsCurrency;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Prometheus {
    @Required
    @Pattern(Patterns.HTTP_URL)
    @Size(max = 2048)
    @JsonPropertyDescription("Base URL of the Prometheus HTTP API, e.g. `http://prometheus.monitoring:9090`.")
    public String url;

    @Required
    @Size(min = 1, max = 4096)
    @JsonPropertyDescription("PromQL instant query, e.g. `avg by (modelName) (DCGM_FI_DEV_POWER_USAGE)`.")
    public String query;

    @Pattern("^[a-zA-Z_][a-zA-Z0-9_]*$")
    @Size(max = 128)
    @JsonPropertyDescription("Label whose value names each series' field, e.g. `modelName` or `Hostname`. Omit for a "
        + "single series or a scalar (field `value`).")
    public String labelKey;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ApiKey {
    @Required
    @JsonPropertyDescription("The Secret key holding the API key, in the feed's namespace.")
    public SecretKeyRef secretKeyRef;

    @Required
    @Pattern("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")
    @Size(max = 128)
    @JsonPropertyDescription("HTTP header that carries the key, e.g. `x-cg-pro-api-key` or `Authorization`.")
    public String header;

    @Size(max = 64)
    @JsonPropertyDescription("Text sent before the key in the header, e.g. `Token ` or `Bearer `.")
    public String prefix;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Smoothing {
    @Default("5")
    @Min(1)
    @Max(1000)
    @JsonPropertyDescription("Observations in the outlier and smoothing window. Default 5.")
    public Integer window;

    public enum Outliers { None, MAD, Sigma }

    @Default("MAD")
    @JsonPropertyDescription("Outlier rule: `MAD` (Hampel filter on the median), `Sigma` (k standard deviations, "
        + "minerstat-style) or `None`. A one-off spike is dropped; a lasting shift passes once it is the window's "
        + "majority. Default `MAD`.")
    public Outliers outliers;

    @Default("3.5")
    @Min(value = 0, inclusive = false)
    @Max(1000)
    @JsonPropertyDescription("k of the outlier rule: how many spreads from the centre a value may be. Default 3.5.")
    public Double k;

    public enum Method { Last, EMA, Median }

    @Default("EMA")
    @JsonPropertyDescription("How accepted observations are combined: `Last`, `EMA` (alpha 2/(window+1)) or `Median`. "
        + "Default `EMA`.")
    public Method method;

    @Default("3")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("A rise is published only after this many consecutive higher observations (NiceHash-style "
        + "confirmation; use it for what you earn). 0 = at once. Default 3.")
    public Integer confirmRises;

    @Default("0")
    @Min(0)
    @Max(100)
    @JsonPropertyDescription("The same for falls (use it for costs such as electricity). Default 0.")
    public Integer confirmFalls;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Retry {
    @Default("3")
    @Min(1)
    @Max(10)
    @JsonPropertyDescription("Attempts per refresh, the first included. Backoff 1 s doubling to 30 s with jitter. "
        + "Default 3.")
    public Integer maxAttempts;

    @Default("60s")
    @Pattern(Patterns.DURATION)
    @Size(max = 32)
    @JsonPropertyDescription("Longest Retry-After (429, 503) waited within one refresh; a longer one ends the refresh "
        + "and the URL is not asked again before it has passed. Default `60s`.")
    public String maxRetryAfter;
  }
}
