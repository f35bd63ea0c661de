package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GPUNodePoolStatus {

  @JsonPropertyDescription("The `.metadata.generation` this status was computed from.")
  public Long observedGeneration;

  @JsonPropertyDescription("GPUs in the pool by current use.")
  public GpuCounts gpus;

  @Size(max = 64)
  @JsonPropertyDescription("GPUs in the pool by current use, per GPU product (the node label "
      + "`nvidia.com/gpu.product`).")
  public Map<String, GpuCounts> gpusByProduct;

  @JsonPropertyDescription("Expected revenue of the whole pool in USD per hour at current prices.")
  public Double revenueUsdPerHour;

  @JsonPropertyDescription("Expected electricity cost of the whole pool in USD per hour (PUE included).")
  public Double powerCostUsdPerHour;

  @JsonPropertyDescription("revenueUsdPerHour minus powerCostUsdPerHour.")
  public Double profitUsdPerHour;

  @JsonPropertyDescription("Summary of the most recent decision; the full explanation is in events and the operator's "
      + "log.")
  public DecisionSummary lastDecision;

  @Size(max = 64)
  @JsonPropertyDescription("The feed-backed electricity price the last decision used: value, feed, source and observation time.")
  public List<MarketDataValue> marketData;

  @Size(max = 16)
  @ValidationRule(value = Condition.ONE_PER_TYPE, message = Condition.ONE_PER_TYPE_MESSAGE)
  @JsonPropertyDescription("Latest observations: `Ready` says the last decision was computed and (in `Auto` mode) "
      + "applied; "
      + "`MarketDataFresh` says whether a feed-backed electricity price is recent.")
  public List<Condition> conditions = new ArrayList<>();
}
