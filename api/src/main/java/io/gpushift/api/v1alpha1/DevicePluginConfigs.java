package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/**
 * NVIDIA device-plugin configuration names per use. A use may need a different layout (time-slicing for small AI
 * pods, whole GPUs for miners), and the device plugin switches config when the node label changes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DevicePluginConfigs {

  @Pattern(Patterns.LABEL_VALUE)
  @Size(max = 63)
  @JsonPropertyDescription("Config name for nodes whose GPUs mine.")
  public String mining;

  @Pattern(Patterns.LABEL_VALUE)
  @Size(max = 63)
  @JsonPropertyDescription("Config name for nodes whose GPUs serve AI workloads.")
  public String ai;

  @Pattern(Patterns.LABEL_VALUE)
  @Size(max = 63)
  @JsonPropertyDescription("Config name for nodes whose GPUs are idle.")
  public String idle;
}
