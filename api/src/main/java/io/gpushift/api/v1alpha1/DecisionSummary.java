package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;

/** The short form of a planner decision, small enough to live in status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DecisionSummary {

  @JsonPropertyDescription("When the decision was made (RFC 3339).")
  public String time;

  @Size(max = 4096)
  @JsonPropertyDescription("One-line account, e.g. `moved 4 GPUs mining→ai (+$1.92/h, payback 9 min); held 2 (gain 3 % "
      + "below hysteresis)`.")
  public String summary;

  @JsonPropertyDescription("Number of GPUs the decision moved (or, in `Recommend` mode, would move).")
  public Integer moves;

  @JsonPropertyDescription("Number of tempting moves held back by hysteresis, dwell time or the disruption budget.")
  public Integer held;
}
