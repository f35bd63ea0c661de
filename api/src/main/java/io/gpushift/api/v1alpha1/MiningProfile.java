package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** What one GPU of a given product does for this pool's algorithm. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MiningProfile {

  static final String GPU_PRODUCT = "GPU product exactly as GPU Feature Discovery labels the node "
      + "(`nvidia.com/gpu.product`), e.g. `NVIDIA-GeForce-RTX-4090`, `NVIDIA-H100-80GB-HBM3`.";

  @Required
  @Pattern(Patterns.LABEL_VALUE)
  @Size(max = 63)
  @JsonPropertyDescription(GPU_PRODUCT)
  public String gpuProduct;

  @Required
  @Pattern(Patterns.QUANTITY)
  @Size(max = 32)
  @ValidationRule(value = "!isQuantity(self) || quantity(self).compareTo(quantity('1')) >= 0",
      message = "hashrate must be at least 1 H/s; note that lower-case m means milli, use M for mega")
  @JsonPropertyDescription("Hashrate of one GPU in H/s as a Kubernetes quantity: `120M` = 120 MH/s, `1.2G` = 1.2 "
      + "GH/s. Upper-case M is mega; lower-case m is milli.")
  public String hashrate;

  @Required
  @Min(1)
  @Max(2000)
  @JsonPropertyDescription("Power one GPU draws while mining, in watts (at the wall for the GPU, before PUE).")
  public Integer watts;

  @JsonPropertyDescription("Measured power of one GPU of this product, in watts, from a MarketFeed: e.g. a `prometheus` "
      + "feed of `avg by (modelName) (DCGM_FI_DEV_POWER_USAGE)` with `field` the DCGM modelName. Used instead of "
      + "`watts` while fresh and plausible (1-5000 W); otherwise `watts` is used, so a missing measurement never holds "
      + "capacity.")
  public FeedRef measuredWatts;
}
