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

/**
 * What one GPU of a product earns and draws for an AI workload. Prices may be in a token because decentralised AI
 * networks pay providers in their own tokens; the token's USD price converts them into the common ledger.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.currency) || (self.currency == 'USD') != has(self.tokenPriceUsd)",
    message = "tokenPriceUsd is required when currency is a token and not allowed when it is USD",
    fieldPath = ".tokenPriceUsd")
public class AIProfile {

  @Required
  @Pattern(Patterns.LABEL_VALUE)
  @Size(max = 63)
  @JsonPropertyDescription(MiningProfile.GPU_PRODUCT)
  public String gpuProduct;

  @Required
  @JsonPropertyDescription("Revenue per GPU-hour in `currency`, before utilization, e.g. 2.35 (USD, H100 index, Mar "
      + "2026) or 0.34 (USD, RTX 4090 spot).")
  public ValueSource revenuePerGpuHour;

  @Default("USD")
  @Pattern(Patterns.TICKER)
  @JsonPropertyDescription("`USD`, or the symbol of the token the workload pays in, e.g. NTX (NuNet), AGIX or ASI "
      + "(SingularityNET / ASI Alliance), FET (Fetch.ai), OCEAN (Ocean Protocol), CTXC (Cortex), MAN (Matrix AI), "
      + "HYPC (HyperCycle). Default `USD`.")
  public String currency;

  @JsonPropertyDescription("USD price of one token of `currency`, usually from a feed; required for tokens, not "
      + "allowed for USD.")
  public ValueSource tokenPriceUsd;

  @Required
  @Min(1)
  @Max(2000)
  @JsonPropertyDescription("Average power one GPU draws running this workload, in watts (before PUE).")
  public Integer watts;

  @JsonPropertyDescription("Measured power of one GPU of this product, in watts, from a MarketFeed: e.g. a `prometheus` "
      + "feed of `avg by (modelName) (DCGM_FI_DEV_POWER_USAGE)` with `field` the DCGM modelName. Used instead of "
      + "`watts` while fresh and plausible (1-5000 W); otherwise `watts` is used, so a missing measurement never holds "
      + "capacity.")
  public FeedRef measuredWatts;
}
