package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Margin a move must beat. Both forms exist because a fixed dollar margin is meaningless across a 3090 and an H100. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.minGainUsdPerHour) || has(self.minGainPercent)",
    message = "set minGainUsdPerHour, minGainPercent or both")
public class Hysteresis {

  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Minimum profit gain per GPU-hour, in USD, for a move to be made, e.g. 0.01.")
  public Double minGainUsdPerHour;

  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Minimum profit gain in percent of the GPU's current profit per hour, e.g. 5 for 5 %. When "
      + "both fields are set a move must clear both.")
  public Double minGainPercent;
}
