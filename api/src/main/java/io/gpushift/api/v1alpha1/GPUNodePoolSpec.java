package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GPUNodePoolSpec {

  @Size(max = 32)
  @ValidationRule(value = "self.all(k, size(k) <= 317 && size(self[k]) <= 63)",
      message = "label keys must be at most 317 characters and values at most 63")
  @JsonPropertyDescription("Labels a node must all carry to belong to this pool, like a Pod's nodeSelector, e.g. "
      + "`nvidia.com/gpu.present: \"true\"` plus a site label. Empty or omitted selects every node labelled "
      + "`nvidia.com/gpu.present=true`. A node should belong to at most one pool.")
  public Map<String, String> nodeSelector;

  @Required
  @JsonPropertyDescription("What electricity costs on these nodes; used to price every option (mining, AI, idle) per "
      + "GPU-hour.")
  public Electricity electricity;

  @Default("{}")
  @JsonPropertyDescription("When and how fast GPUs may be moved between uses.")
  public Policy policy;

  @JsonPropertyDescription("Names of NVIDIA device-plugin configurations to apply to a node for each use, via the node "
      + "label `nvidia.com/device-plugin.config`. Omit to leave the device plugin as it is.")
  public DevicePluginConfigs devicePluginConfigs;

  @Size(max = 32)
  @ValidationRule(value = "self.all(k, size(k) <= 63 && self[k] >= 0 && self[k] <= 2000)",
      message = "keys are GPU products (at most 63 characters) and values watts between 0 and 2000")
  @JsonPropertyDescription("Power a GPU draws while idle, in watts, per GPU product (the value of the node label "
      + "`nvidia.com/gpu.product`), e.g. `NVIDIA-H100-80GB-HBM3: 69`. Products not listed are assumed to draw 70 W "
      + "when idle.")
  public Map<String, Integer> idleWattsPerGpu;
}
