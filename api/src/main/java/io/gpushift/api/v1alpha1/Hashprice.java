package io.gpushift.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Revenue as a price per unit of hashrate per day. The unit is explicit because Bitcoin quotes per PH/s while GPU
 * calculators quote per MH/s, and mixing them is a factor-of-10^9 mistake.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Hashprice {

  @Required
  @JsonPropertyDescription("USD earned per day by `unit` of hashrate, before pool and dev fees.")
  public ValueSource usdPerDay;

  @Default("1P")
  @Pattern(Patterns.QUANTITY)
  @Size(max = 32)
  @ValidationRule(value = "!isQuantity(self) || quantity(self).compareTo(quantity('1')) >= 0",
      message = "unit must be at least 1 H/s; note that lower-case m means milli, use M for mega")
  @JsonPropertyDescription("The hashrate usdPerDay is quoted for, as a quantity in H/s: `1P` = per PH/s (the Bitcoin "
      + "hashprice convention), `1M` = per MH/s. Default `1P`.")
  public String unit;
}
