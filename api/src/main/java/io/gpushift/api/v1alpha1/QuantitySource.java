package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Like {@link ValueSource} but the literal is a Kubernetes quantity, for hashrates such as `190T`. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.value) != has(self.feedRef)", message = "exactly one of value or feedRef must be set")
public class QuantitySource {

  @Pattern(Patterns.QUANTITY)
  @Size(max = 32)
  @ValidationRule(value = "!isQuantity(self) || quantity(self).compareTo(quantity('1')) >= 0",
      message = "must be at least 1 H/s; note that lower-case m means milli, use M for mega")
  @JsonPropertyDescription("The value as a quantity in H/s, e.g. `190T` for 190 TH/s.")
  public String value;

  @JsonPropertyDescription("Read the value from a feed instead; the feed's number must be in H/s.")
  public FeedRef feedRef;
}
