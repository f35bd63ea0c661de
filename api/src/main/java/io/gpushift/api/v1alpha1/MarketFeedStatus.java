package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MarketFeedStatus {

  @JsonPropertyDescription("The `.metadata.generation` this status was computed from.")
  public Long observedGeneration;

  @Size(max = 256)
  @JsonPropertyDescription("The last published (smoothed, confirmed) value of every field.")
  public List<MarketDataValue> fields = new ArrayList<>();

  @Size(max = 16)
  @ValidationRule(value = Condition.ONE_PER_TYPE, message = Condition.ONE_PER_TYPE_MESSAGE)
  @JsonPropertyDescription("Latest observations: `Ready` (the spec, its Secret and ConfigMap are usable), `Fresh` "
      + "(every field has a recent good value; the reason says which is not and why).")
  public List<Condition> conditions = new ArrayList<>();
}
