package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How many GPUs do what; total is stored rather than derived so printer columns can show it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GpuCounts {

  @JsonPropertyDescription("All GPUs counted.")
  public Integer total;

  @JsonPropertyDescription("GPUs currently mining.")
  public Integer mining;

  @JsonPropertyDescription("GPUs currently serving AI workloads.")
  public Integer ai;

  @JsonPropertyDescription("GPUs currently idle.")
  public Integer idle;

  public GpuCounts() {
  }

  public GpuCounts(int mining, int ai, int idle) {
    this.mining = mining;
    this.ai = ai;
    this.idle = idle;
    this.total = mining + ai + idle;
  }
}
