package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/**
 * One market value as reported in status: a MarketFeed's field, or an input a MiningPool, AIWorkload or GPUNodePool
 * was priced with. Neither an age nor every observation's time is stored, so status does not change while refreshes
 * see nothing new (no heartbeat writes); the live age is the metric gpushift_market_data_age_seconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MarketDataValue {

  @Size(max = 256)
  @JsonPropertyDescription("The field: a feed field name in a MarketFeed, the spec path (e.g. "
      + "`spec.revenue.network.coinPriceUsd`) elsewhere.")
  public String field;

  @Size(max = 512)
  @JsonPropertyDescription("The feed, `namespace/name` and field, that supplied it (absent in a MarketFeed's own "
      + "status).")
  public String feed;

  @JsonPropertyDescription("The value used (the last good one when not fresh); absent when none was ever received.")
  public Double value;

  @Size(max = 1024)
  @JsonPropertyDescription("Where the value came from: feed, kind, URL and JSON path.")
  public String source;

  @Size(max = 64)
  @JsonPropertyDescription("When the value was observed (RFC 3339): the first of the refreshes that have seen this same "
      + "value, source, freshness and reason since, so a refresh that sees nothing new changes no status. Whether it is "
      + "still current is `fresh`; its live age is the metric gpushift_market_data_age_seconds.")
  public String observedAt;

  @JsonPropertyDescription("Whether the value is recent and trusted; a value that is not never moves capacity.")
  public Boolean fresh;

  @Size(max = 1024)
  @JsonPropertyDescription("Why the value is not fresh, e.g. `FeedUnreachable: HTTP 503 after 3 attempts`.")
  public String reason;
}
