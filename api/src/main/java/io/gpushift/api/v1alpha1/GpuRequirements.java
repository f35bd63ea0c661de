package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Hard constraints on the GPU a replica runs on, checked against GPU Feature Discovery labels. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GpuRequirements {

  @Size(max = 32)
  @JsonPropertyDescription("Allowed GPU products (`nvidia.com/gpu.product` values); each must have a profile. Omit for "
      + "every profiled product.")
  public List<@Pattern(Patterns.LABEL_VALUE) @Size(max = 63) String> gpuProducts;

  @Min(0)
  @Max(1048576)
  @JsonPropertyDescription("Minimum memory per GPU in MiB (`nvidia.com/gpu.memory`), e.g. 24576 for 24 GiB.")
  public Integer minGpuMemoryMiB;
}
