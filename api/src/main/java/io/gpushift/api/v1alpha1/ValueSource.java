package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A positive number given either literally or by a feed. Every market input (coin price, block reward, AI price, token
 * price) uses this one type so the engine resolves them all the same way; zero and negative values are refused because
 * none of these inputs can be zero without the formulas dividing by or multiplying to nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.value) != has(self.feedRef)", message = "exactly one of value or feedRef must be set")
public class ValueSource {

  @Min(value = 0, inclusive = false)
  @JsonPropertyDescription("The value itself, a number greater than zero, in the unit named by the field holding this "
      + "object.")
  public Double value;

  @JsonPropertyDescription("Read the value from a feed instead; the feed's number must be in the same unit as `value`.")
  public FeedRef feedRef;

  public ValueSource() {
  }

  public static ValueSource of(double value) {
    ValueSource source = new ValueSource();
    source.value = value;
    return source;
  }

  public static ValueSource fromFeed(String name, String field) {
    ValueSource source = new ValueSource();
    source.feedRef = new FeedRef(name, field);
    return source;
  }
}
