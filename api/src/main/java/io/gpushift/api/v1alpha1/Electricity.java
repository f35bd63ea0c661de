package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The price of power for a node pool: one flat rate, a time-of-use schedule, or a live feed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.usdPerKWh), has(self.timeOfUse), has(self.feedRef)].filter(x, x).size() == 1",
    message = "exactly one of usdPerKWh, timeOfUse or feedRef must be set")
@ValidationRule(value = "!has(self.feedRef) || has(self.feedRef.__namespace__)",
    message = "feedRef.namespace is required: a GPUNodePool has no namespace of its own", fieldPath = ".feedRef")
public class Electricity {

  @Min(0)
  @Max(10)
  @JsonPropertyDescription("Flat price in USD per kWh, e.g. 0.08 (US industrial average, EIA 2023) or 0.03 (large "
      + "mining sites).")
  public Double usdPerKWh;

  @JsonPropertyDescription("Prices that depend on the day of week and time of day.")
  public TimeOfUse timeOfUse;

  @JsonPropertyDescription("Read the price in USD per kWh from a MarketFeed (e.g. an `electricityPrice` feed of a "
      + "wholesale real-time price); `namespace` is required here.")
  public FeedRef feedRef;

  @Default("1.0")
  @Min(1)
  @Max(3)
  @JsonPropertyDescription("Power usage effectiveness: facility power divided by IT power. GPU watts are multiplied by "
      + "it to include cooling. Typical: 1.05-1.1 mining sites, 1.1-1.2 liquid-cooled AI, 1.58 industry average. "
      + "Default 1.0 (GPU power only).")
  public Double pue;
}
