package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MiningPoolStatus {

  @JsonPropertyDescription("The `.metadata.generation` this status was computed from.")
  public Long observedGeneration;

  @JsonPropertyDescription("GPUs currently mining for this pool.")
  public Integer gpus;

  @JsonPropertyDescription("Sum of the profiles' hashrates over those GPUs, as a quantity in H/s.")
  public String expectedHashrate;

  @JsonPropertyDescription("Expected revenue in USD per hour at current prices, after fees.")
  public Double revenueUsdPerHour;

  @JsonPropertyDescription("Electricity cost of those GPUs in USD per hour (PUE included).")
  public Double powerCostUsdPerHour;

  @JsonPropertyDescription("revenueUsdPerHour minus powerCostUsdPerHour.")
  public Double profitUsdPerHour;

  @Size(max = 64)
  @JsonPropertyDescription("Profit in USD per GPU-hour for each profiled GPU product, at the electricity price of the "
      + "pool its GPUs are in (the cheapest when several).")
  public Map<String, Double> profitUsdPerGpuHour;

  @Size(max = 64)
  @JsonPropertyDescription("The feed-backed values this object was last priced with: value, feed, source and observation time.")
  public List<MarketDataValue> marketData;

  @Size(max = 16)
  @ValidationRule(value = Condition.ONE_PER_TYPE, message = Condition.ONE_PER_TYPE_MESSAGE)
  @JsonPropertyDescription("Latest observations: `Ready` (miners running on the GPUs given), `Profitable` (some GPU "
      + "product earns more than its power), `ProfilesComplete` (every GPU product in reach has a profile), "
      + "`MarketDataFresh` (every feed-backed value is recent).")
  public List<Condition> conditions = new ArrayList<>();
}
