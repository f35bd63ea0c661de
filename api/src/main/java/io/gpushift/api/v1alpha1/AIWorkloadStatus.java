package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AIWorkloadStatus {

  @JsonPropertyDescription("The `.metadata.generation` this status was computed from.")
  public Long observedGeneration;

  @JsonPropertyDescription("Replicas the latest plan gives the workload.")
  public Integer desiredReplicas;

  @JsonPropertyDescription("Replicas running now.")
  public Integer runningReplicas;

  @JsonPropertyDescription("GPUs held by the running replicas.")
  public Integer gpus;

  @JsonPropertyDescription("Expected revenue in USD per hour at current prices and utilization.")
  public Double revenueUsdPerHour;

  @JsonPropertyDescription("Electricity cost of the running replicas in USD per hour (PUE included).")
  public Double powerCostUsdPerHour;

  @JsonPropertyDescription("revenueUsdPerHour minus powerCostUsdPerHour.")
  public Double profitUsdPerHour;

  @Size(max = 64)
  @JsonPropertyDescription("The feed-backed values this object was last priced with: value, feed, source and observation time.")
  public List<MarketDataValue> marketData;

  @Size(max = 16)
  @ValidationRule(value = Condition.ONE_PER_TYPE, message = Condition.ONE_PER_TYPE_MESSAGE)
  @JsonPropertyDescription("Latest observations: `Ready` (desired replicas running), `Admitted` (given GPUs; for "
      + "Guaranteed workloads, minReplicas met), `Preempted` (replicas taken for a better use, with the numbers in "
      + "the message), `MarketDataFresh` (every feed-backed value is recent).")
  public List<Condition> conditions = new ArrayList<>();
}
