package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Rate limit on switching, in the spirit of a PodDisruptionBudget: an absolute count or a percentage, not both. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.maxGpusPerInterval) != has(self.maxPercentPerInterval)",
    message = "exactly one of maxGpusPerInterval or maxPercentPerInterval must be set")
public class DisruptionBudget {

  @Min(1)
  @JsonPropertyDescription("At most this many GPUs of the pool change use per interval.")
  public Integer maxGpusPerInterval;

  @Min(1)
  @Max(100)
  @JsonPropertyDescription("At most this percentage of the pool's GPUs (rounded down, but at least one) change use "
      + "per interval.")
  public Integer maxPercentPerInterval;

  @Default("10m")
  @Pattern(Patterns.DURATION)
  @Size(max = 32)
  @JsonPropertyDescription("Length of the sliding window the budget applies to, as a duration such as `10m`. Default "
      + "`10m`.")
  public String interval;
}
